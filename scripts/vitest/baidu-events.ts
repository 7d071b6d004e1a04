/**
 * The Baidu push tests' world (vitest only; never imported by the app): the Baidu emulator whose pushes reach the
 * console's receiver over real HTTP, the console's account for its platform, and smart programs authorized through
 * its authorization page. Import it first: it brings the local server that is the file's APP_URL (the emulator
 * pushes there only).
 */
import { appUrl, onRequest } from "./app-url-server";
import { and, eq } from "drizzle-orm";
import { db } from "../../lib/db/client";
import { tenants, type PlatformAccount } from "../../lib/db/schema";
import { deliverDuePushes } from "../../lib/sandbox/push";
import { sandboxPushes } from "../../lib/sandbox/schema";
import { completeBaiduAuthorization, type BaiduChoice } from "../../lib/sandbox/baidu/authorize";
import { createBaiduPlatform, type BaiduPlatformRow } from "../../lib/sandbox/baidu/registry";
import { enqueueBaiduTicket } from "../../lib/sandbox/baidu/push";
import { receiveBaiduPush } from "../../lib/console/ingress-baidu";
import { callbackUrl } from "../../lib/console/onboarding";
import { getTpClient } from "../../lib/platforms/baidu/client";
import { baiduHarness } from "./baidu";
import { consoleBaiduAccount } from "./baidu-client";

export const baidu = baiduHarness();
export { appUrl };

const processing: (() => Promise<void>)[] = [];
/** When false, accepted pushes are answered but their processing waits for `processPending()`. */
export const processingMode = { immediate: true };

onRequest(async (req) => {
  const match = /^\/api\/baidu\/([^/]+)\/(auth|message)$/.exec(req.path);
  if (!match) return { status: 404, body: "" };
  const request = new Request(`http://localhost${req.path}${req.search}`, { method: "POST", body: new Uint8Array(req.body) });
  const answer = await receiveBaiduPush(request, { clientId: match[1]!, channel: match[2] as "auth" | "message" }, { schedule: (task) => void processing.push(task) });
  return { status: answer.status, body: await answer.text(), contentType: answer.headers.get("content-type") ?? "text/plain" };
});

/** Runs what the receiver scheduled (the `after()` part), in order. */
export async function processPending() {
  while (processing.length) await processing.shift()!();
}

/** Delivers every pending push over HTTP, then (unless held) runs the processing. Answers how many were sent. */
export async function deliver() {
  await db.update(sandboxPushes).set({ nextAttemptAt: new Date(0) }).where(eq(sandboxPushes.status, "pending"));
  const sent = await deliverDuePushes();
  if (processingMode.immediate) await processPending();
  return sent;
}

export type BaiduEventsWorld = { platform: BaiduPlatformRow; account: PlatformAccount };

/** An emulated platform pushing to this file's APP_URL, the console's account for it, and its first ticket delivered. */
export async function baiduWorld(): Promise<BaiduEventsWorld> {
  const platform = await createBaiduPlatform();
  const account = await consoleBaiduAccount({ ...platform, ticket: null }, baidu.base);
  await enqueueBaiduTicket(platform.clientId);
  await deliver();
  return { platform, account };
}

/** The merchant's side: a pre-auth code with the console's own TP token, then the authorization page confirmed. */
export async function authorizeOnPage(w: BaiduEventsWorld, choice: BaiduChoice) {
  const { pre_auth_code } = await getTpClient(w.account).createPreAuthCode();
  const params = new URLSearchParams({ client_id: w.platform.clientId, pre_auth_code, redirect_uri: callbackUrl(w.account.id) });
  return completeBaiduAuthorization(params, choice);
}

export const tenantOf = async (w: BaiduEventsWorld, appid: string | number) =>
  (await db.select().from(tenants).where(and(eq(tenants.accountId, w.account.id), eq(tenants.appid, String(appid)))))[0];
