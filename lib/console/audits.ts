import "server-only";
import { and, desc, eq, inArray } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { tenantAudits, tenants, type PlatformAccount } from "@/lib/db/schema";
import { getAuthorizerClient } from "@/lib/platforms/wechat/client";
import { withTenantHealth } from "./tokens-health";

/**
 * Audit results as pushed (weapp_audit_success / _fail / _delay, reference §4.4) and as polled
 * (get_auditstatus / get_latest_auditstatus). Status: 0 approved, 1 rejected, 2 auditing, 3 withdrawn, 4 delayed.
 * A push names no auditid, so it applies to the tenant's audit still under review (2 or 4).
 */

const EVENT_STATUS = { weapp_audit_success: 0, weapp_audit_fail: 1, weapp_audit_delay: 4 } as const;
export type AuditEvent = keyof typeof EVENT_STATUS;
export const UNDER_REVIEW = [2, 4];
// Clocks of the platform and the console differ a little; a push is only matched to an audit submitted before it.
const CLOCK_SLACK_MS = 60_000;

export const isAuditEvent = (kind: string): kind is AuditEvent => Object.hasOwn(EVENT_STATUS, kind);

/** `xxx|yyy|zzz` media ids; empty parts and spaces dropped. */
export const splitScreenshots = (value: string | undefined | null): string[] =>
  (value ?? "")
    .split("|")
    .map((s) => s.trim())
    .filter(Boolean);

/** What a status answer or push means for the row: reason only for 1 and 4, screenshots only for 1. */
export function auditColumns(status: number, reason: string | undefined, screenshot: string | undefined) {
  return {
    status,
    reason: status === 1 || status === 4 ? reason || null : null,
    screenshots: status === 1 ? splitScreenshots(screenshot) : [],
    updatedAt: new Date(),
  };
}

/** Applies an audit push to the tenant's audit under review, or to the platform's latest audit if none is known. */
export async function applyAuditPush(account: PlatformAccount, authorizerAppid: string, event: AuditEvent, fields: Record<string, string>) {
  const [tenant] = await db
    .select()
    .from(tenants)
    .where(and(eq(tenants.accountId, account.id), eq(tenants.appid, authorizerAppid)));
  if (!tenant) throw new Error(`no tenant ${authorizerAppid} under this platform account`);
  // The appid in the URL is not signed; the gh_ id inside the (signed) message must name the same mini-program.
  if (tenant.userName && fields.ToUserName && tenant.userName !== fields.ToUserName) {
    throw new Error(`ToUserName ${fields.ToUserName} is not ${authorizerAppid}'s ${tenant.userName}`);
  }
  const status = EVENT_STATUS[event];
  const columns = auditColumns(status, fields.Reason, fields.ScreenShot);
  const pushedAt = Number(fields.CreateTime) * 1000 || Date.now();

  const [open] = await db
    .select()
    .from(tenantAudits)
    .where(and(eq(tenantAudits.tenantId, tenant.id), inArray(tenantAudits.status, UNDER_REVIEW)))
    .orderBy(desc(tenantAudits.submittedAt), desc(tenantAudits.auditid))
    .limit(1);
  if (open) {
    // A late push (a retry) about an earlier audit must not decide one submitted after it.
    if (open.submittedAt.getTime() > pushedAt + CLOCK_SLACK_MS) {
      return { tenantId: tenant.id, result: { auditid: open.auditid, ignored: "push predates the audit under review" } };
    }
    await db.update(tenantAudits).set(columns).where(and(eq(tenantAudits.tenantId, tenant.id), eq(tenantAudits.auditid, open.auditid)));
    return { tenantId: tenant.id, result: { auditid: open.auditid, status } };
  }

  // Nothing under review here (submitted elsewhere, or the row was lost): ask which audit this is.
  const latest = await withTenantHealth(tenant, () => getAuthorizerClient(tenant).getLatestAuditStatus());
  // Read defensively: the answer's inferred type lost its named fields (an index signature of unknown remains).
  const auditid = Number(latest.auditid);
  if (!Number.isSafeInteger(auditid)) throw new Error("get_latest_auditstatus answered no auditid");
  const submitted = typeof latest.submit_audit_time === "number" ? new Date(latest.submit_audit_time * 1000) : new Date();
  const inserted = await db
    .insert(tenantAudits)
    .values({
      tenantId: tenant.id,
      auditid,
      ...columns,
      userVersion: typeof latest.user_version === "string" && latest.user_version ? latest.user_version : null,
      submittedAt: submitted,
    })
    // A row already decided (0/1/3) stays as it is: a platform decision does not change afterwards.
    .onConflictDoNothing()
    .returning({ auditid: tenantAudits.auditid });
  return { tenantId: tenant.id, result: { auditid, status, created: inserted.length > 0 } };
}
