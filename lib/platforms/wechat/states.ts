import type { AuditState } from "@/lib/vocab";
import type { PlatformEvent } from "@/lib/platforms/port";

/**
 * WeChat's numbers and push kinds in the console's words. The only place a WeChat audit status (get_auditstatus,
 * get_latest_auditstatus: 0 approved, 1 rejected, 2 auditing, 3 withdrawn, 4 delayed) becomes a state. Pure.
 */
const AUDIT_STATE_OF: Record<number, AuditState> = { 0: "approved", 1: "rejected", 2: "auditing", 3: "withdrawn", 4: "delayed" };

export function auditStateOf(status: number): AuditState {
  const state = AUDIT_STATE_OF[status];
  if (!state) throw new Error(`unknown WeChat audit status ${status}`);
  return state;
}

/** getgrayreleaseplan: 0 initial, 1 running, 2 paused, 3 finished, 4 deleted. A running or paused plan holds a gray version. */
export const grayPlanRunning = (status: number) => status === 1 || status === 2;

/** `xxx|yyy|zzz` permanent media ids; empty parts and spaces dropped. */
export const splitScreenshots = (value: string | undefined | null): string[] =>
  (value ?? "")
    .split("|")
    .map((s) => s.trim())
    .filter(Boolean);

const AUDIT_EVENT_STATE = { weapp_audit_success: "approved", weapp_audit_fail: "rejected", weapp_audit_delay: "delayed" } as const;

/**
 * One decrypted push (its kind: InfoType on the auth-event URL, Event on the message URL; its string fields) as a
 * platform event. A reason only comes with a rejection or a delay, screenshots only with a rejection.
 */
export function eventOf(kind: string, fields: Record<string, string>, authorizerAppid: string | null): PlatformEvent {
  const at = Number(fields.CreateTime) > 0 ? new Date(Number(fields.CreateTime) * 1000) : null;
  switch (kind) {
    case "component_verify_ticket":
      if (!fields.ComponentVerifyTicket) throw new Error("component_verify_ticket push without ComponentVerifyTicket");
      return { type: "ticket", ticket: fields.ComponentVerifyTicket, createdAt: at };
    case "authorized":
    case "updateauthorized":
      if (!fields.AuthorizerAppid) throw new Error("authorization push without AuthorizerAppid");
      return {
        type: "authorized",
        authorizerAppid: fields.AuthorizerAppid,
        authorizationCode: fields.AuthorizationCode || null,
        change: kind === "authorized" ? "authorized" : "updated",
      };
    case "unauthorized":
      if (!fields.AuthorizerAppid) throw new Error("unauthorized push without AuthorizerAppid");
      return { type: "unauthorized", authorizerAppid: fields.AuthorizerAppid };
  }
  if (Object.hasOwn(AUDIT_EVENT_STATE, kind)) {
    if (!authorizerAppid) throw new Error("audit event without an authorizer appid");
    const state = AUDIT_EVENT_STATE[kind as keyof typeof AUDIT_EVENT_STATE];
    return {
      type: "audit",
      authorizerAppid,
      state,
      reason: state === "approved" ? null : fields.Reason || null,
      screenshots: state === "rejected" ? splitScreenshots(fields.ScreenShot) : [],
      at: at ?? new Date(),
    };
  }
  return { type: "ignored", kind };
}
