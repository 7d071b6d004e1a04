import type { AuditState, PlatformEvent } from "@/lib/platforms/port";

/**
 * Baidu's numbers and push kinds in the console's words. Pure. Package `status` (package/get, getdetail): 1 online,
 * 3 development, 4 auditing, 5 audit failed, 6 audit passed, 8 rolling back. `upload_status` (a package still being
 * uploaded): 1 uploading, 3 failed.
 */
export const PACKAGE_STATUS = { online: 1, development: 3, auditing: 4, rejected: 5, approved: 6, rollingBack: 8 } as const;
export const UPLOAD_STATUS = { uploading: 1, failed: 3 } as const;

/**
 * The audit state a package's status says, for a package that was submitted: under audit, failed, passed; a package
 * back in development was withdrawn; one online (or rolling back from online) passed its audit.
 */
export function auditStateOfPackage(status: number | undefined): AuditState | null {
  switch (status) {
    case PACKAGE_STATUS.auditing:
      return "auditing";
    case PACKAGE_STATUS.rejected:
      return "rejected";
    case PACKAGE_STATUS.approved:
    case PACKAGE_STATUS.online:
    case PACKAGE_STATUS.rollingBack:
      return "approved";
    case PACKAGE_STATUS.development:
      return "withdrawn";
    default:
      return null;
  }
}

/**
 * A time as Baidu writes it — "2019-01-14 12:45:10" or "2018/09/04 17:13:59", Beijing time — or seconds (or
 * milliseconds) since 1970. Null when absent or unreadable.
 */
export function baiduTimeOf(value: string | number | undefined | null): Date | null {
  if (value === undefined || value === null || value === "") return null;
  if (typeof value === "number" || /^\d+$/.test(value)) {
    const n = Number(value);
    if (!(n > 0)) return null;
    return new Date(n > 1e12 ? n : n * 1000);
  }
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  const pad = (s: string | undefined) => (s ?? "0").padStart(2, "0");
  const date = new Date(`${m[1]}-${pad(m[2])}-${pad(m[3])}T${pad(m[4])}:${m[5]}:${pad(m[6])}+08:00`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The push kinds: `ticket` (MsgType ticket) and the `event` names. */
export const BAIDU_PUSH_KINDS = ["ticket", "AUTHORIZED", "UPDATE_AUTHORIZED", "UNAUTHORIZED", "PACKAGE_AUDIT_PASS", "PACKAGE_AUDIT_FAIL"] as const;

/**
 * One decrypted Baidu push (its kind and string fields) as a platform event. Authorization pushes go to the
 * authorization event URL and audit results to the message URL; both name the smart program in `appId` (a number,
 * kept as its digits), so the URL's appid is not needed. A missing field the kind needs is an error (the console
 * records it against the stored push), never a guess.
 */
export function baiduEventOf(kind: string, fields: Record<string, string>): PlatformEvent {
  switch (kind) {
    case "ticket":
      if (!fields.Ticket) throw new Error("ticket push without Ticket");
      return { type: "ticket", ticket: fields.Ticket, createdAt: baiduTimeOf(fields.CreateTime) };
    case "AUTHORIZED":
    case "UPDATE_AUTHORIZED":
      if (!fields.appId) throw new Error(`${kind} push without appId`);
      return { type: "authorized", authorizerAppid: fields.appId, authorizationCode: fields.authorizationCode || null, change: kind === "AUTHORIZED" ? "authorized" : "updated" };
    case "UNAUTHORIZED":
      if (!fields.appId) throw new Error("UNAUTHORIZED push without appId");
      return { type: "unauthorized", authorizerAppid: fields.appId };
    case "PACKAGE_AUDIT_PASS":
    case "PACKAGE_AUDIT_FAIL": {
      if (!fields.appId) throw new Error(`${kind} push without appId`);
      const approved = kind === "PACKAGE_AUDIT_PASS";
      return {
        type: "audit",
        authorizerAppid: fields.appId,
        state: approved ? "approved" : "rejected",
        reason: approved ? null : fields.reason || null,
        screenshots: [],
        at: baiduTimeOf(fields.eventTime) ?? new Date(),
      };
    }
    default:
      return { type: "ignored", kind };
  }
}
