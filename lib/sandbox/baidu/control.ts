import "server-only";
import { and, asc, eq, like, sql } from "drizzle-orm";
import type { z } from "zod";
import { db } from "@/lib/db/client";
import { deliverDuePushes } from "../push";
import { sandboxPushes } from "../schema";
import { chinaMonth } from "../state";
import { unauthorizeApp } from "./api/auth";
import { createBaiduDraft } from "./api/templates";
import { decideBaiduAudit } from "./audit";
import * as s from "./control-schemas";
import { uploadState, withPackages } from "./packages";
import { baiduAuthUrlPath, baiduMessageUrlPath, enqueueBaiduAuthEvent, enqueueBaiduTicket } from "./push";
import { createBaiduApps, createBaiduPlatform, type BaiduAppRow, type BaiduPlatformRow } from "./registry";
import { sandboxBaiduApps, sandboxBaiduPlatforms } from "./schema";
import { getBaiduSettings, updateBaiduSettings } from "./settings";

/**
 * The Baidu part of the sandbox control surface, mounted by lib/sandbox/control.ts as /sandbox/control/baidu/<name>
 * (same access rules: admin session or the control bearer token). Faults, latency, counters, the request log and the
 * reset are the shared endpoints (/sandbox/control/faults … with Baidu paths such as /rest/2.0/smartapp/package/upload
 * and a Baidu account: an app_id or a client_id).
 */

export class BaiduControlError extends Error {
  constructor(
    readonly code: "platform_not_found" | "app_not_found" | "no_platform" | "no_audit_under_review" | "already_unauthorized",
    readonly status: 404 | 409,
  ) {
    super(code);
    this.name = "BaiduControlError";
  }
}

export type BaiduControlEndpoint = { method: "GET" | "POST"; schema: z.ZodType; run: (input: unknown) => Promise<unknown> };

function def<S extends z.ZodType>(method: "GET" | "POST", schema: S, run: (input: z.output<S>) => Promise<unknown>): BaiduControlEndpoint {
  return { method, schema, run: (input) => run(input as z.output<S>) };
}

function describePlatform(p: BaiduPlatformRow) {
  return {
    client_id: p.clientId,
    tp_app_id: p.tpAppId,
    name: p.name,
    token: p.token,
    encoding_aes_key: p.encodingAesKey,
    ticket: p.ticket,
    ticket_at: p.ticketAt,
    callback_base: p.callbackBase,
    auth_url_path: baiduAuthUrlPath(p.clientId),
    message_url_path: baiduMessageUrlPath(p.clientId),
  };
}

function describeApp(a: BaiduAppRow) {
  return {
    app_id: a.appId,
    client_id: a.clientId,
    app_name: a.appName,
    status: a.status,
    authorized: a.authorized,
    refresh_token: a.refreshToken,
    basic_info_approved: a.basicInfoApproved,
    principal_verified: a.principalVerified,
    fail_uploads: a.failUploads,
    audit_quota: { limit: a.auditQuotaLimit, used: a.auditQuotaUsed, month: a.quotaMonth },
  };
}

async function deliverAll() {
  let attempted = 0;
  for (let round = 0; round < 10; round++) {
    const n = await deliverDuePushes(50);
    attempted += n;
    if (n < 50) break;
  }
  return attempted;
}

async function platformOrFirst(clientId: string | undefined): Promise<BaiduPlatformRow> {
  const [row] = await db
    .select()
    .from(sandboxBaiduPlatforms)
    .where(clientId ? eq(sandboxBaiduPlatforms.clientId, clientId) : sql`true`)
    .orderBy(asc(sandboxBaiduPlatforms.createdAt))
    .limit(1);
  if (!row) throw new BaiduControlError(clientId ? "platform_not_found" : "no_platform", clientId ? 404 : 409);
  return row;
}

async function appOf(appId: number): Promise<BaiduAppRow> {
  const [row] = await db.select().from(sandboxBaiduApps).where(eq(sandboxBaiduApps.appId, appId));
  if (!row) throw new BaiduControlError("app_not_found", 404);
  return row;
}

/** A new platform gets its first ticket pushed (and delivered) at once, so the TP token works right away. */
async function addPlatform(input: z.output<typeof s.baiduPlatformSchema>) {
  const platform = await createBaiduPlatform({ name: input.name, callbackBase: input.callback_base ?? null });
  await enqueueBaiduTicket(platform.clientId);
  await deliverAll();
  return describePlatform(await platformOrFirst(platform.clientId));
}

async function seed(input: z.output<typeof s.baiduSeedSchema>) {
  let created = false;
  let platform = input.client_id ? await platformOrFirst(input.client_id) : await platformOrFirst(undefined).catch(() => null);
  if (!platform) {
    const made = await addPlatform({});
    platform = await platformOrFirst(made.client_id);
    created = true;
  }
  const apps = await createBaiduApps(platform.clientId, input.apps);
  // Listed up to 1000 (their refresh tokens let a test get app tokens without the authorization page).
  return { client_id: platform.clientId, platform_created: created, created: apps.length, apps: apps.slice(0, 1000).map(describeApp) };
}

async function state(input: z.output<typeof s.baiduStateSchema>) {
  const platforms = await db
    .select()
    .from(sandboxBaiduPlatforms)
    .where(input.client_id ? eq(sandboxBaiduPlatforms.clientId, input.client_id) : sql`true`)
    .orderBy(asc(sandboxBaiduPlatforms.createdAt));
  const apps = await db
    .select()
    .from(sandboxBaiduApps)
    .where(and(input.client_id ? eq(sandboxBaiduApps.clientId, input.client_id) : undefined, input.app_id ? eq(sandboxBaiduApps.appId, input.app_id) : undefined))
    .orderBy(asc(sandboxBaiduApps.createdAt), asc(sandboxBaiduApps.appId))
    .limit(input.limit);
  const withPackagesListed = [];
  for (const app of apps) {
    const packages = await withPackages(app.appId, async ({ live }) =>
      live.map((p) => ({ package_id: p.packageId, status: p.status, upload: uploadState(p), version: p.version, template_id: p.templateId, msg: p.msg, rollback_until: p.rollbackUntil })),
    );
    withPackagesListed.push({ ...describeApp(app), packages });
  }
  const pushes = (await db
    .select({ status: sandboxPushes.status, n: sql<number>`count(*)::int` })
    .from(sandboxPushes)
    .where(like(sandboxPushes.kind, "baidu:%"))
    .groupBy(sandboxPushes.status)) as { status: string; n: number }[];
  return {
    settings: await getBaiduSettings(),
    platforms: platforms.map(describePlatform),
    apps: withPackagesListed,
    pushes: Object.fromEntries(pushes.map((p) => [p.status, p.n])),
  };
}

async function setAppFlags(input: s.BaiduAppFlags) {
  await appOf(input.app_id);
  const set: Partial<typeof sandboxBaiduApps.$inferInsert> = {};
  if (input.basic_info_approved !== undefined) set.basicInfoApproved = input.basic_info_approved;
  if (input.principal_verified !== undefined) set.principalVerified = input.principal_verified;
  if (input.fail_uploads !== undefined) set.failUploads = input.fail_uploads;
  if (input.status !== undefined) set.status = input.status;
  if (input.audit_quota_limit !== undefined) set.auditQuotaLimit = input.audit_quota_limit;
  if (input.audit_quota_used !== undefined) set.auditQuotaUsed = input.audit_quota_used;
  // Setting the used count names the current month, so the month roll-over does not reset it at once.
  if (input.audit_quota_used !== undefined) set.quotaMonth = chinaMonth();
  if (Object.keys(set).length) await db.update(sandboxBaiduApps).set(set).where(eq(sandboxBaiduApps.appId, input.app_id));
  return describeApp(await appOf(input.app_id));
}

async function audit(input: z.output<typeof s.baiduAuditSchema>) {
  await appOf(input.app_id);
  const decided = await decideBaiduAudit(input.app_id, { result: input.result, reason: input.reason });
  if (!decided) throw new BaiduControlError("no_audit_under_review", 409);
  return { ...decided, delivered: await deliverAll() };
}

async function pushTicket(input: z.output<typeof s.baiduClientSchema>) {
  const targets = input.client_id ? [await platformOrFirst(input.client_id)] : await db.select().from(sandboxBaiduPlatforms).orderBy(asc(sandboxBaiduPlatforms.createdAt));
  if (targets.length === 0) throw new BaiduControlError("no_platform", 409);
  for (const p of targets) await enqueueBaiduTicket(p.clientId);
  return { pushed: targets.map((p) => p.clientId), delivered: await deliverAll() };
}

/** The merchant revokes the authorization on Baidu's side: tokens die, UNAUTHORIZED is pushed. */
async function unauthorize(input: z.output<typeof s.baiduAppSchema>) {
  await appOf(input.app_id);
  const clientId = await unauthorizeApp(input.app_id);
  if (!clientId) throw new BaiduControlError("already_unauthorized", 409);
  const pushId = await enqueueBaiduAuthEvent(clientId, input.app_id, "UNAUTHORIZED");
  return { app_id: input.app_id, client_id: clientId, push_id: pushId, delivered: await deliverAll() };
}

async function addDraft(input: z.output<typeof s.baiduDraftSchema>) {
  const platform = await platformOrFirst(input.client_id);
  const draft = await createBaiduDraft(platform.clientId, { userVersion: input.user_version, userDesc: input.user_desc });
  return { client_id: platform.clientId, draft_id: draft.draftId, user_version: draft.userVersion, user_desc: draft.userDesc };
}

export const BAIDU_CONTROL: Record<string, BaiduControlEndpoint> = {
  state: def("GET", s.baiduStateSchema, state),
  platforms: def("POST", s.baiduPlatformSchema, addPlatform),
  seed: def("POST", s.baiduSeedSchema, seed),
  apps: def("POST", s.baiduAppFlagsSchema, setAppFlags),
  audit: def("POST", s.baiduAuditSchema, audit),
  "push-ticket": def("POST", s.baiduClientSchema, pushTicket),
  unauthorize: def("POST", s.baiduAppSchema, unauthorize),
  drafts: def("POST", s.baiduDraftSchema, addDraft),
  settings: def("POST", s.baiduSettingsPatchSchema, (patch) => updateBaiduSettings(patch)),
};
