import "server-only";
import { and, eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { DEFAULT_SUPPORT_VERSION, isPublishedVersion, uvItems } from "../base-library";
import { fail } from "../errors";
import { templatePrivacyApis } from "../code-privacy";
import { parseExtJson, privacyScan } from "../ext-json";
import { trialQrJpeg } from "../qr-image";
import type { AuthorizerRow, RouteDef, SandboxContext } from "../router";
import { sandboxTemplates } from "../schema";
import { countApplied } from "../request-log";
import { mutateState } from "../state";
import type { TrialVersion } from "../types";
import { int, str } from "./params";

/**
 * Code management, first half (reference §4.1): commit and the trial version, its pages, QR code and privacy scan,
 * categories, visit status, version info and the minimum base library. Submit/audit/release live in ./audit.ts.
 * Every route is an authorizer API of permission set 18.
 */

const PERMISSIONS = [18];
const NO_TRIAL = [86001, "component experience version not exists"] as const;
// The document's 错误描述 for 61039 is this Chinese text; the platform answers it as written.
const SCAN_RUNNING = [61039, "隐私接口检查任务未完成，请稍等一分钟再重试"] as const;
const USER_VERSION_MAX = 64;
// (assump.) Paths longer than this are refused with 40097 before they could overflow a QR code (the platform's
// limit is not documented; mini-program page paths with query are capped at 1024 bytes elsewhere).
const QR_PATH_MAX = 512;

const authorizerOf = (ctx: SandboxContext): AuthorizerRow => ctx.authorizer!;
const trialOf = (ctx: SandboxContext): TrialVersion => authorizerOf(ctx).state.trial ?? fail(...NO_TRIAL);
const unixSeconds = (ms: number) => Math.floor(ms / 1000);

/** The text a trial QR code carries: the authorizer and the page it opens (the platform's own format is opaque). */
export function trialQrText(appid: string, path: string): string {
  return `https://sandbox.invalid/trial?appid=${appid}&path=${encodeURIComponent(path)}`;
}

async function commit(ctx: SandboxContext) {
  const authorizer = authorizerOf(ctx);
  const templateId = int(ctx.body, "template_id", { required: true, min: 0 })!;
  // ext_json must be a JSON *string*, and is required: an object (a frequent client mistake) or "" is 47001 (assump.).
  const extJson = str(ctx.body, "ext_json", true)!;
  const userVersion = str(ctx.body, "user_version", true)!;
  // (assump.) Over-long versions are a format error; user_desc must be present, may be empty.
  if (userVersion.length > USER_VERSION_MAX) fail(47001, "data format error");
  if (!("user_desc" in ctx.body)) fail(47001, "data format error");
  const userDesc = str(ctx.body, "user_desc") ?? "";

  // Templates belong to the platform: another platform's template id does not exist for this authorizer.
  const [template] = await db
    .select({ templateType: sandboxTemplates.templateType, pages: sandboxTemplates.pages, templateId: sandboxTemplates.templateId })
    .from(sandboxTemplates)
    .where(and(eq(sandboxTemplates.templateId, templateId), eq(sandboxTemplates.componentAppid, authorizer.componentAppid)));
  if (!template) fail(85014, "template not exist");
  const parsed = parseExtJson(extJson, template!);
  // The template's code, plus what this mini-program's own code adds (a seeded authorizer may use more, see seed-world.ts).
  const used = [...(await templatePrivacyApis(template!.templateId)), ...(authorizer.state.privacyApis ?? [])];

  const now = Date.now();
  const trial: TrialVersion = {
    templateId,
    extJson,
    userVersion,
    userDesc,
    pages: parsed.pages,
    committedAt: now,
    // A new commit restarts the privacy scan, which is why retrying commit + submit_audit together keeps hitting 61039.
    scanReadyAt: now + ctx.settings.privacyScanMs,
    privacy: privacyScan(used, parsed.requiredPrivateInfos),
  };
  await mutateState(authorizer.appid, async (state, _current, tx) => {
    await countApplied(tx, authorizer.appid, ctx.path);
    return { state: { ...state, trial }, result: null };
  });
  return {};
}

function getQrcode(ctx: SandboxContext): Response {
  const trial = trialOf(ctx);
  // `path` arrives urlencoded once (page%2Findex%3Faction%3D1); URLSearchParams has decoded it. Absent → home page.
  const path = ctx.query.get("path") || trial.pages[0] || "";
  if (path.length > QR_PATH_MAX) fail(40097, "invalid args");
  const image = trialQrJpeg(trialQrText(authorizerOf(ctx).appid, path));
  return new Response(new Uint8Array(image.jpeg), {
    status: 200,
    headers: {
      "content-type": "image/jpeg",
      "content-disposition": 'attachment; filename="QRCode.jpg"',
      "cache-control": "no-cache, must-revalidate",
    },
  });
}

/** Category items carry third_class/third_id only when the category has a third level (document example). */
function categoryList(authorizer: AuthorizerRow) {
  return authorizer.categories.map((c) => ({
    first_class: c.first_class,
    second_class: c.second_class,
    ...(c.third_class !== undefined ? { third_class: c.third_class } : {}),
    first_id: c.first_id,
    second_id: c.second_id,
    ...(c.third_id !== undefined ? { third_id: c.third_id } : {}),
  }));
}

async function changeVisitStatus(ctx: SandboxContext) {
  const action = ctx.body.action;
  if (action !== "open" && action !== "close") fail(85022, "invalid action");
  const wanted = action === "open" ? 1 : 0;
  await mutateState(authorizerOf(ctx).appid, (state) => {
    // The call changes what users of the live (released) version see ("修改线上代码的可见状态", seed 001 §10):
    // without one there is nothing to show or hide. The seed lists 85021 状态不可变 only (assump.: that code).
    if (!state.online) fail(85021, "status not allowed");
    // "发布后默认可访问": a mini-program is visible until closed. Asking for the current status is 85021 (assump.).
    if ((state.visitStatus ?? 1) === wanted) fail(85021, "status not allowed");
    return { state: { ...state, visitStatus: wanted }, result: null };
  });
  return {};
}

/** exp_info from the trial, release_info from the online version; each is omitted when absent (the platform then
 * answers a bare `{"errcode":0,"errmsg":"ok"}`, as reported by developers). */
function versionInfo(ctx: SandboxContext) {
  const { trial, online } = authorizerOf(ctx).state;
  return {
    ...(trial ? { exp_info: { exp_time: unixSeconds(trial.committedAt), exp_version: trial.userVersion, exp_desc: trial.userDesc } } : {}),
    ...(online ? { release_info: { release_time: online.releasedAt, release_version: online.userVersion, release_desc: online.userDesc } } : {}),
  };
}

async function setSupportVersion(ctx: SandboxContext) {
  const version = str(ctx.body, "version", true)!;
  // Seed 001 §13 lists one code for this call: 85015 版本输入错误 (the official table, over the 89014 "support version error" of the reference's endpoint table).
  if (!isPublishedVersion(version)) fail(85015, "version input error");
  await mutateState(authorizerOf(ctx).appid, (state) => ({ state: { ...state, supportVersion: version }, result: null }));
  return {};
}

const route = (method: "GET" | "POST", path: string, body: RouteDef["body"], handler: RouteDef["handler"]): RouteDef => ({
  method,
  path,
  token: "authorizer",
  body,
  envelope: "wxa",
  permissions: PERMISSIONS,
  handler,
});

export const codeRoutes: RouteDef[] = [
  route("POST", "/wxa/commit", "json-required", commit),
  route("GET", "/wxa/get_page", "none", async (ctx) => ({ page_list: trialOf(ctx).pages })),
  route("GET", "/wxa/get_qrcode", "none", async (ctx) => getQrcode(ctx)),
  route("GET", "/wxa/get_category", "none", async (ctx) => ({ category_list: categoryList(authorizerOf(ctx)) })),
  route("GET", "/wxa/security/get_code_privacy_info", "none", async (ctx) => {
    // (assump.) No committed code → 86001, like the other trial APIs; the page documents only 61039/61040.
    const trial = trialOf(ctx);
    if (Date.now() < trial.scanReadyAt) fail(...SCAN_RUNNING);
    return { without_auth_list: trial.privacy.withoutAuth, without_conf_list: trial.privacy.withoutConf };
  }),
  route("POST", "/wxa/change_visitstatus", "json-required", changeVisitStatus),
  // getvisitstatus / getversioninfo / getweappsupportversion: "要传空的json,不传会报错" → 44002 without a body.
  route("POST", "/wxa/getvisitstatus", "json-required", async (ctx) => ({ status: authorizerOf(ctx).state.visitStatus ?? 1 })),
  route("POST", "/wxa/getversioninfo", "json-required", async (ctx) => versionInfo(ctx)),
  route("POST", "/cgi-bin/wxopen/getweappsupportversion", "json-required", async (ctx) => ({
    now_version: authorizerOf(ctx).state.supportVersion ?? DEFAULT_SUPPORT_VERSION,
    uv_info: { items: uvItems() },
  })),
  route("POST", "/cgi-bin/wxopen/setweappsupportversion", "json-required", setSupportVersion),
];
