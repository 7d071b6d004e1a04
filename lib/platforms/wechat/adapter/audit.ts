import "server-only";
import type { TenantAuditOps } from "@/lib/platforms/port";
import type { AuthorizerClient } from "../client";
import { auditOf, dateOf, latestOf } from "./shared";

export function auditOps(client: AuthorizerClient): TenantAuditOps {
  return {
    latestAudit: async () => {
      const a = await latestOf(client);
      if (!a) return null;
      return { ...auditOf(Number(a.auditid), a), userVersion: a.user_version || null, submittedAt: dateOf(a.submit_audit_time) };
    },
    // get_auditstatus answers neither the version nor the submission time.
    auditStatus: async (auditid) => ({ ...auditOf(auditid, await client.getAuditStatus({ auditid })), userVersion: null, submittedAt: null }),
    withdrawAudit: async () => void (await client.undoAudit()),
    speedupAudit: async (auditid) => void (await client.speedupAudit({ auditid })),
    auditQuota: async () => {
      const q = await client.queryQuota();
      return { submitsLeft: q.rest, submitLimit: q.limit, speedupsLeft: q.speedup_rest, speedupLimit: q.speedup_limit };
    },
  };
}
