/**
 * Test helpers for the Baidu emulator (vitest only; never imported by the app). Tests talk to /sandbox/baidu over
 * real HTTP, as a Baidu client would, and obtain tokens through the platform's own flow:
 *
 *   const baidu = baiduHarness();
 *   const { platform, app, token } = await baidu.appWithToken();
 *   const { body } = await baidu.call("/rest/2.0/smartapp/package/get", { method: "GET", token });
 */
import { afterAll, beforeAll } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "../../lib/db/client";
import { startSandboxServer, type SandboxServer } from "./sandbox-server";
import { enqueueBaiduTicket } from "../../lib/sandbox/baidu/push";
import { createBaiduApp, createBaiduPlatform, type BaiduAppRow, type BaiduPlatformRow, type NewBaiduApp } from "../../lib/sandbox/baidu/registry";
import { sandboxBaiduPlatforms } from "../../lib/sandbox/baidu/schema";
import { updateBaiduSettings } from "../../lib/sandbox/baidu/settings";

export type BaiduCallInit = {
  /** Default POST. */
  method?: string;
  /** Query parameters (every call), and for POST the form body unless `json` is given. */
  params?: Record<string, string | number>;
  /** Sent as a JSON body instead of a form. */
  json?: unknown;
  /** access_token, in the query. */
  token?: string;
};
export type BaiduAnswer = { status: number; headers: Headers; body: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any

export type BaiduHarness = {
  /** `http://127.0.0.1:<port>/sandbox/baidu`, the stand-in for https://openapi.baidu.com. */
  readonly base: string;
  fetch(path: string, init?: BaiduCallInit): Promise<Response>;
  call(path: string, init?: BaiduCallInit): Promise<BaiduAnswer>;
  /** A new platform that has been pushed a ticket (its row as stored, ticket included). */
  platformWithTicket(): Promise<BaiduPlatformRow>;
  tpToken(platform: BaiduPlatformRow): Promise<string>;
  /** An authorization code recovered with the TP token, exchanged for the program's tokens. */
  appTokens(platform: BaiduPlatformRow, app: BaiduAppRow, tpToken?: string): Promise<{ access_token: string; refresh_token: string; expires_in: number }>;
  appWithToken(input?: Omit<NewBaiduApp, "clientId">): Promise<{ platform: BaiduPlatformRow; app: BaiduAppRow; tp: string; token: string; refreshToken: string }>;
};

/** Registers beforeAll/afterAll in the calling file (uploads ready at once unless a test sets the delay). */
export function baiduHarness(): BaiduHarness {
  let server: SandboxServer | undefined;
  beforeAll(async () => {
    server = await startSandboxServer();
    await updateBaiduSettings({ uploadDelayMs: 0, rollbackDelayMs: 0 });
  });
  afterAll(async () => {
    await server?.close();
  });
  const base = () => {
    if (!server) throw new Error("baiduHarness(): the server starts in beforeAll");
    return server.baiduBase;
  };

  const fetchRaw = (path: string, init: BaiduCallInit = {}) => {
    const method = init.method ?? "POST";
    const url = new URL(base() + path);
    const params = Object.entries(init.params ?? {}).map(([k, v]) => [k, String(v)] as [string, string]);
    if (init.token) url.searchParams.set("access_token", init.token);
    if (method === "GET" || init.json !== undefined) for (const [k, v] of params) url.searchParams.set(k, v);
    if (init.json !== undefined) return fetch(url, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(init.json) });
    if (method === "GET") return fetch(url, { method });
    return fetch(url, { method, headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(params).toString() });
  };

  const call = async (path: string, init: BaiduCallInit = {}): Promise<BaiduAnswer> => {
    const res = await fetchRaw(path, init);
    const text = await res.text();
    try {
      return { status: res.status, headers: res.headers, body: JSON.parse(text) as Record<string, unknown> };
    } catch {
      throw new Error(`${path}: expected JSON, got ${res.headers.get("content-type")} (${text.slice(0, 80)})`);
    }
  };

  const harness: BaiduHarness = {
    get base() {
      return base();
    },
    fetch: fetchRaw,
    call,
    async platformWithTicket() {
      const platform = await createBaiduPlatform();
      await enqueueBaiduTicket(platform.clientId);
      const [fresh] = await db.select().from(sandboxBaiduPlatforms).where(eq(sandboxBaiduPlatforms.clientId, platform.clientId));
      return fresh!;
    },
    async tpToken(platform) {
      const { body } = await call("/public/2.0/smartapp/auth/tp/token", { method: "GET", params: { client_id: platform.clientId, ticket: platform.ticket! } });
      if (typeof body.data?.access_token !== "string") throw new Error(`no TP token: ${JSON.stringify(body)}`);
      return body.data.access_token as string;
    },
    async appTokens(platform, app, tpToken) {
      const tp = tpToken ?? (await harness.tpToken(platform));
      const recovered = await call("/rest/2.0/smartapp/auth/retrieve/authorizationcode", { token: tp, params: { app_id: app.appId } });
      const code = recovered.body.data?.authorization_code;
      if (typeof code !== "string") throw new Error(`no code: ${JSON.stringify(recovered.body)}`);
      const { body } = await call("/rest/2.0/oauth/token", { method: "GET", token: tp, params: { code, grant_type: "app_to_tp_authorization_code" } });
      if (typeof body.access_token !== "string") throw new Error(`no app token: ${JSON.stringify(body)}`);
      return body as { access_token: string; refresh_token: string; expires_in: number };
    },
    async appWithToken(input = {}) {
      const platform = await harness.platformWithTicket();
      const app = await createBaiduApp({ ...input, clientId: platform.clientId });
      const tp = await harness.tpToken(platform);
      const tokens = await harness.appTokens(platform, app, tp);
      return { platform, app, tp, token: tokens.access_token, refreshToken: tokens.refresh_token };
    },
  };
  return harness;
}
