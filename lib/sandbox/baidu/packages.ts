import "server-only";
import { and, asc, eq, inArray, lte, ne, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { chinaMonth } from "../state";
import { baiduFail } from "./errors";
import type { BaiduAppRow } from "./registry";
import { sandboxBaiduApps, sandboxBaiduPackages } from "./schema";

/**
 * A smart program's code packages (seed: 小程序包管理). At most one development package (3), one audit package
 * (4 auditing, 5 rejected, 6 approved) and one online package (1 online, 8 rolling back) exist at a time; everything
 * else is retired (0, emulator choice). Every change runs under the program's row lock, so concurrent calls (from
 * any process) apply one after another; the delayed effects (upload ready, rollback done) are settled under the same
 * lock by whoever looks next, so no timer is needed for them.
 */

export const PACKAGE_STATUS = { retired: 0, online: 1, development: 3, auditing: 4, rejected: 5, approved: 6, rollingBack: 8 } as const;
export const AUDIT_SLOT: number[] = [PACKAGE_STATUS.auditing, PACKAGE_STATUS.rejected, PACKAGE_STATUS.approved];
export const ONLINE_SLOT: number[] = [PACKAGE_STATUS.online, PACKAGE_STATUS.rollingBack];

export type PackageRow = typeof sandboxBaiduPackages.$inferSelect;
export type Tx = Parameters<Parameters<typeof db.transaction>[0]>[0];

/** Where an upload stands: `uploading` until ready_at, then `failed` or `ready`. */
export function uploadState(pkg: PackageRow, now = Date.now()): "uploading" | "failed" | "ready" {
  if (pkg.readyAt.getTime() > now) return "uploading";
  return pkg.uploadFails ? "failed" : "ready";
}

/** Ends the rollbacks whose delay is over: the rolled-back package retires, the one before it is online again. */
async function settleRollbacks(tx: Tx, appId: number) {
  const done = await tx
    .update(sandboxBaiduPackages)
    .set({ status: PACKAGE_STATUS.retired })
    .where(and(eq(sandboxBaiduPackages.appId, appId), eq(sandboxBaiduPackages.status, PACKAGE_STATUS.rollingBack), lte(sandboxBaiduPackages.rollbackUntil, sql`now()`)))
    .returning({ previous: sandboxBaiduPackages.previousPackageId });
  for (const { previous } of done) {
    if (previous !== null) await tx.update(sandboxBaiduPackages).set({ status: PACKAGE_STATUS.online }).where(eq(sandboxBaiduPackages.packageId, previous));
  }
}

export type AppPackages = { app: BaiduAppRow; live: PackageRow[]; tx: Tx };

/** Runs `fn` with the program locked, its delayed effects settled, and its live (non-retired) packages. */
export async function withPackages<T>(appId: number, fn: (state: AppPackages) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    const [app] = await tx.select().from(sandboxBaiduApps).where(eq(sandboxBaiduApps.appId, appId)).for("update");
    if (!app) throw new Error(`sandbox baidu app ${appId} not found`);
    await settleRollbacks(tx, appId);
    const live = await tx
      .select()
      .from(sandboxBaiduPackages)
      .where(and(eq(sandboxBaiduPackages.appId, appId), ne(sandboxBaiduPackages.status, PACKAGE_STATUS.retired)))
      .orderBy(asc(sandboxBaiduPackages.packageId));
    return fn({ app, live, tx });
  });
}

/** The live package with this id, or 60001. */
export function livePackage(live: PackageRow[], packageId: number): PackageRow {
  const pkg = live.find((p) => p.packageId === packageId);
  return pkg ?? baiduFail("packageNotFound", `package_id ${packageId}`);
}

export const setStatus = (tx: Tx, packageIds: number[], status: number, extra: Partial<PackageRow> = {}) =>
  packageIds.length ? tx.update(sandboxBaiduPackages).set({ status, ...extra }).where(inArray(sandboxBaiduPackages.packageId, packageIds)) : Promise.resolve();

/** The program's audit quota for the current month (China time): the counter restarts when the month changed. */
export async function auditQuota(tx: Tx, app: BaiduAppRow): Promise<{ limit: number; used: number }> {
  const month = chinaMonth();
  if (app.quotaMonth === month) return { limit: app.auditQuotaLimit, used: app.auditQuotaUsed };
  await tx.update(sandboxBaiduApps).set({ quotaMonth: month, auditQuotaUsed: 0 }).where(eq(sandboxBaiduApps.appId, app.appId));
  return { limit: app.auditQuotaLimit, used: 0 };
}

/** `2018/09/04 17:13:59` in China time, the seed's commit_time format. */
export function baiduTime(date: Date, separator = "/"): string {
  const iso = new Date(date.getTime() + 8 * 3600_000).toISOString();
  return `${iso.slice(0, 10).replaceAll("-", separator)} ${iso.slice(11, 19)}`;
}

/** One package as package/get and package/getdetail show it (`rollback_version` for the online one, in the list). */
export function describePackage(pkg: PackageRow, previousVersion: string | null, now = Date.now()) {
  const state = uploadState(pkg, now);
  if (state !== "ready") {
    return {
      version: pkg.version,
      commit_time: baiduTime(pkg.createdAt),
      version_desc: pkg.versionDesc,
      upload_status: state === "uploading" ? 1 : 3,
      upload_status_desc: state === "uploading" ? "上传中" : "上传失败",
    };
  }
  const entry: Record<string, unknown> = {
    version: pkg.version,
    remark: pkg.remark,
    msg: pkg.msg,
    committer: pkg.committer,
    status: pkg.status,
    commit_time: baiduTime(pkg.createdAt),
    version_desc: pkg.versionDesc,
    // Numbers, as in both of the seed's answer examples (its tables say string; clients should accept both).
    package_id: pkg.packageId,
  };
  if (ONLINE_SLOT.includes(pkg.status)) entry.rollback_version = previousVersion ?? "";
  return entry;
}
