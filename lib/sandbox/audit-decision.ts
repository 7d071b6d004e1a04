import "server-only";

export type AuditDecision = { result: "approve" | "reject" | "delay"; reason?: string; screenshot?: string };

/**
 * Decides the authorizer's audit that is under review (status 2 or 4): approve → 0, reject → 1, delay → 4,
 * and pushes weapp_audit_success / weapp_audit_fail / weapp_audit_delay. Returns the decided audit id.
 */
export async function decideAudit(appid: string, decision: AuditDecision): Promise<{ auditid: number; status: number }> {
  throw new Error(`decideAudit(${appid}, ${decision.result}) is not implemented yet`);
}

/** Auto-decide mode (settings.autoDecide): decides audits submitted more than `afterMs` ago. Returns how many. */
export async function runAutoDecide(): Promise<number> {
  return 0;
}
