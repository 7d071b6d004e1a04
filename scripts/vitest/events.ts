/**
 * The events tests' world (events.test.ts, events-retry.test.ts; test-only): a sandbox platform whose pushes reach
 * the console's receiver over real HTTP, the console's account for it, and mini-programs authorized through it.
 * Import it first: it brings the local server that is the file's APP_URL (the sandbox pushes there only).
 */
import { appUrl, onRequest } from "./app-url-server";
import { expect } from "vitest";
import { and, eq } from "drizzle-orm";
import { db } from "../../lib/db/client";
import { platformAccounts, tenants } from "../../lib/db/schema";
import { encryptSecret } from "../../lib/crypto";
import { completeAuthorization, type Choice } from "../../lib/sandbox/authorize";
import { deliverDuePushes, enqueueTicketPush } from "../../lib/sandbox/push";
import { createAuthorizer, createPlatform } from "../../lib/sandbox/registry";
import { sandboxPushes } from "../../lib/sandbox/schema";
import { sandboxHarness } from "./sandbox";
import { wechatRequest } from "../../lib/platforms/wechat/http";
import { receivePush } from "../../lib/console/ingress";
import { withComponentToken } from "../../lib/platforms/wechat/tokens";

export const sandbox = sandboxHarness();
const processing: (() => Promise<void>)[] = [];
const base = appUrl;

onRequest(async (req) => {
  const match = /^\/api\/wechat\/([^/]+)\/(?:auth-events|events\/([^/]+))$/.exec(req.path);
  if (!match) return { status: 404, body: "" };
  const request = new Request(`http://localhost${req.path}${req.search}`, { method: "POST", body: new Uint8Array(req.body) });
  const target = { componentAppid: match[1]!, ...(match[2] ? { authorizerAppid: match[2] } : {}) };
  const answer = await receivePush(request, target, { schedule: (task) => void processing.push(task) });
  return { status: answer.status, body: await answer.text(), contentType: answer.headers.get("content-type") ?? "text/plain" };
});

/** Delivers every pending push over HTTP, then runs what the receiver scheduled (the `after()` part). */
export async function deliver() {
  await db.update(sandboxPushes).set({ nextAttemptAt: new Date(0) }).where(eq(sandboxPushes.status, "pending"));
  const sent = await deliverDuePushes();
  while (processing.length) await processing.shift()!();
  return sent;
}

/** A sandbox platform whose callbacks reach the receiver, the console's account for it, and a delivered ticket. */
export async function world() {
  const platform = await createPlatform({ callbackBase: base });
  const [account] = await db
    .insert(platformAccounts)
    .values({
      platform: "wechat",
      name: "events test",
      appId: platform.componentAppid,
      secretEnc: encryptSecret(platform.componentAppsecret),
      tokenEnc: encryptSecret(platform.token),
      aesKeyEnc: encryptSecret(platform.encodingAesKey),
      apiBase: sandbox.wechatBase,
    })
    .returning();
  await enqueueTicketPush(platform.componentAppid);
  expect(await deliver()).toBe(1);
  return { platform, account: account! };
}
export type World = Awaited<ReturnType<typeof world>>;

/** The merchant's side: a pre_auth_code from the console's own component token, then the authorization page. */
export async function authorize(w: World, choice: Choice, categories?: string) {
  const pre = await withComponentToken(w.account, (token) =>
    wechatRequest<{ pre_auth_code: string }>({
      method: "POST",
      path: "/cgi-bin/component/api_create_preauthcode",
      base: w.account.apiBase,
      token: { name: "component_access_token", value: token },
      body: { component_appid: w.account.appId },
      action: false,
    }),
  );
  const params = { component_appid: w.platform.componentAppid, pre_auth_code: pre.pre_auth_code, redirect_uri: "https://console.test/cb", auth_type: "2" };
  return completeAuthorization(categories ? { ...params, category_id_list: categories } : params, choice);
}

export const tenantOf = async (w: World, appid: string) =>
  (await db.select().from(tenants).where(and(eq(tenants.accountId, w.account.id), eq(tenants.appid, appid))))[0];

/** A world with one mini-program authorized through the push. */
export async function onboarded() {
  const w = await world();
  const authorizer = await createAuthorizer({ componentAppid: w.platform.componentAppid, authorized: false });
  await authorize(w, { mode: "existing", appid: authorizer.appid });
  await deliver();
  return { ...w, authorizer, tenant: (await tenantOf(w, authorizer.appid))! };
}
