import "server-only";
import { eq } from "drizzle-orm";
import { baiduFail } from "../errors";
import { AUDIT_SLOT, ONLINE_SLOT, PACKAGE_STATUS, auditQuota, describePackage, livePackage, uploadState, withPackages, type PackageRow, type Tx } from "../packages";
import { idParam } from "../params";
import type { BaiduRoute } from "../router";
import { sandboxBaiduPackages } from "../schema";

/** package/get, package/getdetail and package/auditquota (app token). */

async function previousVersion(tx: Tx, pkg: PackageRow | undefined): Promise<string | null> {
  if (!pkg?.previousPackageId) return null;
  const [row] = await tx.select({ version: sandboxBaiduPackages.version }).from(sandboxBaiduPackages).where(eq(sandboxBaiduPackages.packageId, pkg.previousPackageId));
  return row?.version ?? null;
}

/** The list: the online package, the audit package, the development package (each when there is one). */
async function list(appId: number) {
  return withPackages(appId, async ({ live, tx }) => {
    const online = live.find((p) => ONLINE_SLOT.includes(p.status));
    const ordered = [online, live.find((p) => AUDIT_SLOT.includes(p.status)), live.find((p) => p.status === PACKAGE_STATUS.development)];
    const previous = await previousVersion(tx, online);
    return ordered.filter((p): p is PackageRow => p !== undefined).map((p) => describePackage(p, p === online ? previous : null));
  });
}

const DETAIL_TYPES: number[] = [1, 3, 4, 5, 6, 8];

/** One package: by package_id, else by `type` (a status; the online one by default). 60001 when there is none. */
async function detail(appId: number, params: Record<string, unknown>) {
  const packageId = idParam(params, "package_id", { optional: true });
  const type = idParam(params, "type", { optional: true }) ?? PACKAGE_STATUS.online;
  if (packageId === undefined && !DETAIL_TYPES.includes(type)) baiduFail("invalidParam", "type must be one of 1, 3, 4, 5, 6, 8");
  return withPackages(appId, async ({ live }) => {
    const ready = live.filter((p) => uploadState(p) === "ready");
    const pkg = packageId !== undefined ? livePackage(ready, packageId) : ready.find((p) => p.status === type);
    if (!pkg) return baiduFail("packageNotFound", `no package of type ${type}`);
    const entry = describePackage(pkg, null);
    // The detail lists no rollback_version (seed); the list does.
    delete (entry as Record<string, unknown>).rollback_version;
    return entry;
  });
}

/** Emulator choice for quota_type: 1 (a calendar month, China time). */
async function quota(appId: number) {
  return withPackages(appId, async ({ app, tx }) => {
    const { limit, used } = await auditQuota(tx, app);
    return { quota_type: 1, quota_times: limit, remain_times: Math.max(0, limit - used) };
  });
}

export const packageReadRoutes: BaiduRoute[] = [
  { method: "GET", path: "/rest/2.0/smartapp/package/get", token: "app", handler: (ctx) => list(ctx.app!.appId) },
  { method: "GET", path: "/rest/2.0/smartapp/package/getdetail", token: "app", handler: (ctx) => detail(ctx.app!.appId, ctx.params) },
  { method: "GET", path: "/rest/2.0/smartapp/package/auditquota", token: "app", handler: (ctx) => quota(ctx.app!.appId) },
];
