/**
 * Test helper for the control surface's tests (vitest only; never imported by the app). Import it before any
 * project module: it sets the environment lib/env.ts parses on first import (the control token, and APP_URL aimed
 * at a local recorder that answers pushes with `success`). The control surface is called directly with Request
 * objects; effects are checked through the emulated WeChat API over real HTTP (scripts/vitest/sandbox-server.ts).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, expect } from "vitest";

export const TOKEN = "control-test-token-0123456789";
// Tests set the environment before lib/env.ts parses it; nothing else in the app may.
 
process.env.SANDBOX_CONTROL_TOKEN = TOKEN;
export const received: { path: string; body: string }[] = [];
const recorder = http.createServer((req, res) => {
  let body = "";
  req.on("data", (chunk) => (body += chunk));
  req.on("end", () => {
    received.push({ path: (req.url ?? "").split("?")[0]!, body });
    res.end("success");
  });
});
await new Promise<void>((resolve) => recorder.listen(0, "127.0.0.1", resolve));
 
process.env.APP_URL = `http://127.0.0.1:${(recorder.address() as AddressInfo).port}`;

const { handleSandboxControl } = await import("@/lib/sandbox/control");
const { startSandboxServer } = await import("@/scripts/vitest/sandbox-server");
export const { env } = await import("@/lib/env");
export const { db } = await import("@/lib/db/client");
export const { sandboxPushes, sandboxTokens, sandboxAudits } = await import("@/lib/sandbox/schema");
export { handleSandboxControl };

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Init = { body?: unknown; token?: string | null; user?: { role: "admin" | "operator" | "viewer" } | null; contentType?: string };

const GET_ROUTES = ["state", "requests", "baidu/state"];

/** `control("faults", { body })` POSTs; `control("state?limit=5")` and `control("requests?appid=…")` GET. Bearer token unless `token: null`. */
export async function control(path: string, init: Init = {}): Promise<{ status: number; body: Json }> {
  const [route, query = ""] = path.split("?");
  const headers: Record<string, string> = { "content-type": init.contentType ?? "application/json" };
  const token = init.token === undefined ? TOKEN : init.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const post = !GET_ROUTES.includes(route!);
  const req = new Request(`http://localhost/sandbox/control/${route}${query ? `?${query}` : ""}`, {
    method: post ? "POST" : "GET",
    headers,
    body: post ? (typeof init.body === "string" ? init.body : JSON.stringify(init.body ?? {})) : undefined,
  });
  const res = await handleSandboxControl(req, route!.split("/"), { currentUser: async () => init.user ?? null });
  const text = await res.text();
  return { status: res.status, body: (res.headers.get("content-type")?.startsWith("application/json") ? JSON.parse(text) : { text }) as Json };
}

let sandbox: Awaited<ReturnType<typeof startSandboxServer>> | undefined;

/** Registers the file's hooks: the sandbox server and the recorder around the file, a reset before each test. */
export function controlHarness() {
  beforeAll(async () => {
    sandbox = await startSandboxServer();
  });
  afterAll(async () => {
    await sandbox?.close();
    await new Promise((resolve) => recorder.close(resolve));
  });
  beforeEach(async () => {
    expect((await control("reset")).status).toBe(200);
    received.length = 0;
  });
}

/** `http://127.0.0.1:<port>/sandbox/wechat` of the file's sandbox server. */
export function wechatBase(): string {
  if (!sandbox) throw new Error("controlHarness() starts the server in beforeAll");
  return sandbox.wechatBase;
}

/** `http://127.0.0.1:<port>/sandbox/baidu` of the file's sandbox server. */
export function baiduBase(): string {
  if (!sandbox) throw new Error("controlHarness() starts the server in beforeAll");
  return sandbox.baiduBase;
}

export async function wechat(path: string, body: unknown, query: Record<string, string> = {}) {
  if (!sandbox) throw new Error("controlHarness() starts the server in beforeAll");
  const url = new URL(sandbox.wechatBase + path);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  const started = performance.now();
  const res = await fetch(url, { method: "POST", body: JSON.stringify(body) });
  const text = await res.text();
  let parsed: Json = {};
  try {
    parsed = JSON.parse(text) as Json;
  } catch {
    parsed = { text };
  }
  return { status: res.status, body: parsed, ms: performance.now() - started };
}

/** A platform made through the control surface, and its component_access_token obtained over HTTP. */
export async function platformAndToken() {
  const { body: platform } = await control("platforms", { body: { name: "Test TP" } });
  const { body } = await wechat("/cgi-bin/component/api_component_token", {
    component_appid: platform.component_appid,
    component_appsecret: platform.component_appsecret,
    component_verify_ticket: platform.verify_ticket,
  });
  expect(typeof body.component_access_token).toBe("string");
  return { platform, token: body.component_access_token as string };
}

export const preauth = (appid: string, token: string) =>
  wechat("/cgi-bin/component/api_create_preauthcode", { component_appid: appid }, { component_access_token: token });
