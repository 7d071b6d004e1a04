import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { baiduFail } from "../errors";
import { countApplied } from "../../request-log";
import { AUDIT_SLOT, PACKAGE_STATUS, auditQuota, livePackage, setStatus, uploadState, withPackages } from "../packages";
import { idParam, textParam } from "../params";
import type { BaiduContext, BaiduRoute } from "../router";
import { sandboxBaiduApps, sandboxBaiduPackages, sandboxBaiduTemplates } from "../schema";
import { parseExtJson } from "./ext-json";
import { packageReadRoutes } from "./packages-read";

/**
 * The package operations of the seed (授权小程序上传包 / 提交审核 / 发布 / 回滚包 / 撤销审核), app token. They answer
 * `{errno:0,msg:"success"}` without data; the refusals for a wrong state are emulator choices (errors.ts).
 */

const MAX_TEXT = 500;

async function upload(ctx: BaiduContext) {
  const app = ctx.app!;
  const templateId = idParam(ctx.params, "template_id")!;
  const userVersion = textParam(ctx.params, "user_version", { max: 64 })!;
  const userDesc = textParam(ctx.params, "user_desc", { max: MAX_TEXT, optional: true }) ?? "";
  const extJson = parseExtJson(ctx.params.ext_json, app.appId);
  await withPackages(app.appId, async ({ app: locked, live, tx }) => {
    const [template] = await tx
      .select({ id: sandboxBaiduTemplates.templateId })
      .from(sandboxBaiduTemplates)
      .where(and(eq(sandboxBaiduTemplates.templateId, templateId), eq(sandboxBaiduTemplates.clientId, locked.clientId)));
    if (!template) baiduFail("templateNotFound", `template_id ${templateId}`);
    // The new upload replaces the development package (uploaded, uploading or failed).
    await setStatus(tx, live.filter((p) => p.status === PACKAGE_STATUS.development).map((p) => p.packageId), PACKAGE_STATUS.retired);
    await tx.insert(sandboxBaiduPackages).values({
      appId: locked.appId,
      templateId,
      version: userVersion,
      versionDesc: userDesc,
      extJson,
      status: PACKAGE_STATUS.development,
      readyAt: new Date(Date.now() + ctx.settings.uploadDelayMs),
      uploadFails: locked.failUploads,
    });
    await countApplied(tx, String(locked.appId), ctx.path);
  });
}

async function submitAudit(ctx: BaiduContext) {
  const packageId = idParam(ctx.params, "package_id")!;
  const content = textParam(ctx.params, "content", { max: MAX_TEXT })!;
  const remark = textParam(ctx.params, "remark", { max: MAX_TEXT })!;
  await withPackages(ctx.app!.appId, async ({ app, live, tx }) => {
    const pkg = livePackage(live, packageId);
    if (pkg.status !== PACKAGE_STATUS.development) baiduFail("packageState", `package ${packageId} is not the development package`);
    if (uploadState(pkg) !== "ready") baiduFail("uploadNotReady");
    if (!app.basicInfoApproved) baiduFail("basicInfoNotApproved");
    if (live.some((p) => p.status === PACKAGE_STATUS.auditing)) baiduFail("auditInProgress");
    const quota = await auditQuota(tx, app);
    if (quota.used >= quota.limit) baiduFail("auditQuotaExhausted");
    // The previous audit package (rejected, or approved and never released) leaves the audit slot.
    await setStatus(tx, live.filter((p) => AUDIT_SLOT.includes(p.status)).map((p) => p.packageId), PACKAGE_STATUS.retired);
    await setStatus(tx, [pkg.packageId], PACKAGE_STATUS.auditing, { content, remark, msg: "", submittedAt: new Date(), decidedAt: null });
    await tx.update(sandboxBaiduApps).set({ auditQuotaUsed: sql`${sandboxBaiduApps.auditQuotaUsed} + 1` }).where(eq(sandboxBaiduApps.appId, app.appId));
    await countApplied(tx, String(app.appId), ctx.path);
  });
}

async function release(ctx: BaiduContext) {
  const packageId = idParam(ctx.params, "package_id")!;
  await withPackages(ctx.app!.appId, async ({ app, live, tx }) => {
    const pkg = livePackage(live, packageId);
    if (pkg.status !== PACKAGE_STATUS.approved) baiduFail("packageState", `package ${packageId} has not passed audit`);
    if (live.some((p) => p.status === PACKAGE_STATUS.rollingBack)) baiduFail("rollingBack");
    if (!app.principalVerified) baiduFail("principalNotVerified");
    const online = live.find((p) => p.status === PACKAGE_STATUS.online);
    if (online) await setStatus(tx, [online.packageId], PACKAGE_STATUS.retired);
    await setStatus(tx, [pkg.packageId], PACKAGE_STATUS.online, { previousPackageId: online?.packageId ?? null, releasedAt: new Date() });
    await countApplied(tx, String(app.appId), ctx.path);
  });
}

async function rollback(ctx: BaiduContext) {
  const packageId = idParam(ctx.params, "package_id")!;
  const delayMs = ctx.settings.rollbackDelayMs;
  await withPackages(ctx.app!.appId, async ({ live, tx }) => {
    const pkg = livePackage(live, packageId);
    if (pkg.status === PACKAGE_STATUS.rollingBack) baiduFail("rollingBack");
    if (pkg.status !== PACKAGE_STATUS.online) baiduFail("packageState", `package ${packageId} is not the online package`);
    if (pkg.previousPackageId === null) baiduFail("noRollbackTarget");
    await setStatus(tx, [pkg.packageId], PACKAGE_STATUS.rollingBack, { rollbackUntil: new Date(Date.now() + delayMs) });
  });
}

async function withdraw(ctx: BaiduContext) {
  const packageId = idParam(ctx.params, "package_id")!;
  await withPackages(ctx.app!.appId, async ({ live, tx }) => {
    const pkg = livePackage(live, packageId);
    if (pkg.status !== PACKAGE_STATUS.auditing) baiduFail("packageState", `package ${packageId} is not under audit`);
    // Emulator choice: the package becomes the development package again, unless a newer upload took that place.
    const devTaken = live.some((p) => p.status === PACKAGE_STATUS.development);
    await setStatus(tx, [pkg.packageId], devTaken ? PACKAGE_STATUS.retired : PACKAGE_STATUS.development, { submittedAt: null });
  });
}

const op = (path: string, handler: (ctx: BaiduContext) => Promise<void>): BaiduRoute => ({
  method: "POST",
  path: `/rest/2.0/smartapp/package/${path}`,
  token: "app",
  handler: async (ctx) => {
    await handler(ctx);
    return undefined;
  },
});

export const packageRoutes: BaiduRoute[] = [
  op("upload", upload),
  op("submitaudit", submitAudit),
  op("release", release),
  op("rollback", rollback),
  op("withdraw", withdraw),
  ...packageReadRoutes,
];
