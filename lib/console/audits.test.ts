import { describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { platformAccounts, tenantAudits, tenants } from "@/lib/db/schema";
import { encryptSecret } from "@/lib/crypto";
import type { AuditState } from "@/lib/vocab";
import { applyAuditEvent, type AuditEvent } from "./audits";
import { reconcileAudits } from "./audit-reconcile";

/**
 * The console's side of audits, in its own words: results arrive as normalized platform events (no WeChat number
 * or field here) and are written on the audit under review; reconciliation only polls audits still under review.
 * The whole path from a WeChat push is in events.test.ts.
 */

const HOUR = 3_600_000;
let seq = 0;

async function tenantWith(audits: { auditid: number; state: AuditState; submittedAt?: Date; updatedAt?: Date }[]) {
  seq++;
  const [account] = await db
    .insert(platformAccounts)
    .values({ platform: "wechat", name: `audits ${seq}`, appId: `wx${String(seq).padStart(16, "0")}`, secretEnc: encryptSecret("secret") })
    .returning();
  const [tenant] = await db
    .insert(tenants)
    .values({ accountId: account!.id, appid: `wxa${String(seq).padStart(15, "0")}`, nickname: `audits ${seq}` })
    .returning();
  if (audits.length) await db.insert(tenantAudits).values(audits.map((a) => ({ tenantId: tenant!.id, ...a })));
  return { account: account!, tenant: tenant! };
}

/** The row as the database holds it: the state column read as text, so the stored word itself is checked. */
async function stored(tenantId: string, auditid: number) {
  const [row] = await db
    .select({ state: sql<string>`${tenantAudits.state}::text`, reason: tenantAudits.reason, screenshots: tenantAudits.screenshots })
    .from(tenantAudits)
    .where(and(eq(tenantAudits.tenantId, tenantId), eq(tenantAudits.auditid, auditid)));
  return row;
}

const result = (appid: string, state: AuditState, extra: Partial<AuditEvent> = {}): AuditEvent => ({
  type: "audit",
  authorizerAppid: appid,
  state,
  reason: null,
  screenshots: [],
  at: new Date(),
  ...extra,
});

describe("applying a normalized audit result", () => {
  it.each([
    { state: "approved", reason: null, screenshots: [] },
    { state: "rejected", reason: "1:账号信息不符合规范:<br>(1):包含色情因素<br>", screenshots: ["m1", "m2"] },
    { state: "delayed", reason: "需要补充材料", screenshots: [] },
  ] as const)("writes $state with its reason and screenshots on the audit under review, and nothing else", async ({ state, reason, screenshots }) => {
    const { account, tenant } = await tenantWith([
      { auditid: 1, state: "approved", submittedAt: new Date(Date.now() - 48 * HOUR) },
      { auditid: 2, state: "auditing", submittedAt: new Date(Date.now() - HOUR) },
    ]);
    const outcome = await applyAuditEvent(account, result(tenant.appid, state, { reason, screenshots: [...screenshots] }));
    expect(outcome).toEqual({ tenantId: tenant.id, result: { auditid: 2, state } });
    expect(await stored(tenant.id, 2)).toEqual({ state, reason, screenshots });
    expect(await stored(tenant.id, 1)).toEqual({ state: "approved", reason: null, screenshots: [] });
  });

  it("leaves a delayed audit under review, so the next result decides it", async () => {
    const { account, tenant } = await tenantWith([{ auditid: 7, state: "auditing", submittedAt: new Date(Date.now() - HOUR) }]);
    await applyAuditEvent(account, result(tenant.appid, "delayed", { reason: "需要补充材料" }));
    await applyAuditEvent(account, result(tenant.appid, "approved"));
    expect(await stored(tenant.id, 7)).toEqual({ state: "approved", reason: null, screenshots: [] });
  });

  it("does not let a result older than the audit under review decide it", async () => {
    const { account, tenant } = await tenantWith([{ auditid: 8, state: "delayed", submittedAt: new Date() }]);
    const outcome = await applyAuditEvent(account, result(tenant.appid, "rejected", { reason: "old", at: new Date(Date.now() - HOUR) }));
    expect(outcome.result).toMatchObject({ auditid: 8, ignored: expect.any(String) });
    expect(await stored(tenant.id, 8)).toEqual({ state: "delayed", reason: null, screenshots: [] });
  });

  it("refuses a result for a mini-program that is not a tenant of the account", async () => {
    const { account } = await tenantWith([]);
    await expect(applyAuditEvent(account, result("wxnotatenant00000", "approved"))).rejects.toThrow(/no tenant wxnotatenant00000/);
  });
});

describe("reconciliation", () => {
  it("polls only the audits still under review (auditing, delayed)", async () => {
    const long = new Date(Date.now() - 24 * HOUR);
    const states: AuditState[] = ["approved", "rejected", "auditing", "withdrawn", "delayed"];
    const { tenant } = await tenantWith(states.map((state, i) => ({ auditid: 10 + i, state, updatedAt: long })));

    // The tenant has no grant, so each poll fails after being claimed: the errors name exactly the polled audits.
    const outcome = await reconcileAudits({ tenantIds: [tenant.id], olderThanMs: 0 });
    expect(outcome.checked).toBe(2);
    expect(outcome.errors.map((e) => e.auditid).sort()).toEqual([12, 14]);
    const rows = await db.select().from(tenantAudits).where(eq(tenantAudits.tenantId, tenant.id)).orderBy(tenantAudits.auditid);
    const claimed = rows.filter((r) => r.updatedAt.getTime() > long.getTime()).map((r) => r.state);
    expect(claimed).toEqual(["auditing", "delayed"]);
  });
});
