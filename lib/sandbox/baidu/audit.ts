import "server-only";
import { and, eq, lte, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { PACKAGE_STATUS, setStatus, withPackages } from "./packages";
import { enqueueBaiduAuditEvent } from "./push";
import { sandboxBaiduPackages } from "./schema";
import { getBaiduSettings } from "./settings";

/**
 * The reviewer's side: the package under audit is approved (6) or rejected (5, its `msg` the reason), and
 * PACKAGE_AUDIT_PASS / PACKAGE_AUDIT_FAIL is pushed to the message URL after the change is committed. Decided by
 * the control surface or, when `autoDecide` is on, by the background tick.
 */

export const DEFAULT_REJECT_REASON = "名称与实际打开后的名称不符。";

export type BaiduDecision = { result: "approve" | "reject"; reason?: string };

/** Decides the program's package under audit; null when none is under audit. */
export async function decideBaiduAudit(appId: number, decision: BaiduDecision): Promise<{ package_id: number; status: number; push_id: number } | null> {
  const decided = await withPackages(appId, async ({ app, live, tx }) => {
    const pkg = live.find((p) => p.status === PACKAGE_STATUS.auditing);
    if (!pkg) return null;
    const approve = decision.result === "approve";
    const reason = approve ? "" : decision.reason?.trim() || DEFAULT_REJECT_REASON;
    const status = approve ? PACKAGE_STATUS.approved : PACKAGE_STATUS.rejected;
    await setStatus(tx, [pkg.packageId], status, { msg: approve ? "审核通过" : reason, decidedAt: new Date() });
    return { clientId: app.clientId, packageId: pkg.packageId, status, reason };
  });
  if (!decided) return null;
  const pushId = await enqueueBaiduAuditEvent(decided.clientId, appId, decision.result === "approve" ? "pass" : "fail", decided.reason);
  return { package_id: decided.packageId, status: decided.status, push_id: pushId };
}

/** Auto-decide (settings.autoDecide, off by default): packages under audit for `afterMs` are decided. Returns how many. */
export async function runBaiduAutoDecide(limit = 200): Promise<number> {
  const { autoDecide } = await getBaiduSettings();
  if (autoDecide.mode === "off") return 0;
  const due = await db
    .select({ appId: sandboxBaiduPackages.appId })
    .from(sandboxBaiduPackages)
    .where(and(eq(sandboxBaiduPackages.status, PACKAGE_STATUS.auditing), lte(sandboxBaiduPackages.submittedAt, sql`now() - make_interval(secs => ${autoDecide.afterMs / 1000})`)))
    .limit(limit);
  let decided = 0;
  for (const { appId } of due) {
    if (await decideBaiduAudit(appId, { result: autoDecide.mode, reason: autoDecide.reason })) decided++;
  }
  return decided;
}
