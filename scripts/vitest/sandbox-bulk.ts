/**
 * Test helpers for the sandbox's bulk-test features (vitest only; never imported by the app), on top of
 * control-harness.ts (import this file first, instead of it): a seeded fleet on one platform, authorizer tokens
 * through the platform's own flow, and commit / submit_audit over real HTTP.
 *
 *   controlHarness();
 *   const f = await fleet(3, { page_sets: [["pages/index/index"]] });
 *   const token = await tokenFor(f, f.authorizers[0]);
 *   expect((await commit(token, f.templateId)).body.errcode).toBe(0);
 */
import { expect } from "vitest";
import { control, platformAndToken, wechat, wechatBase, type Json } from "./control-harness";

export * from "./control-harness";

const { insertTemplate } = await import("./sandbox");

export const TEMPLATE_PAGES = ["pages/index/index", "pages/list/list", "pages/detail/detail"];

export type Fleet = { componentAppid: string; componentToken: string; templateId: number; authorizers: Json[]; seeded: Json };

/** A platform (with its component token), `count` authorizers seeded by seed-authorizers with `options`, a template. */
export async function fleet(count: number, options: Json = {}): Promise<Fleet> {
  const { platform, token } = await platformAndToken();
  const seeded = await control("seed-authorizers", { body: { count, component_appid: platform.component_appid, ...options } });
  expect(seeded.status, JSON.stringify(seeded.body)).toBe(200);
  const templateId = await insertTemplate(platform.component_appid, { pages: TEMPLATE_PAGES });
  return { componentAppid: platform.component_appid, componentToken: token, templateId, authorizers: seeded.body.authorizers, seeded: seeded.body };
}

/** An authorizer_access_token for a seeded authorizer, through api_authorizer_token as the console gets one. */
export async function tokenFor(f: Fleet, authorizer: Json): Promise<string> {
  const { body } = await wechat(
    "/cgi-bin/component/api_authorizer_token",
    { component_appid: f.componentAppid, authorizer_appid: authorizer.appid, authorizer_refresh_token: authorizer.refresh_token },
    { component_access_token: f.componentToken },
  );
  expect(typeof body.authorizer_access_token, JSON.stringify(body)).toBe("string");
  return body.authorizer_access_token as string;
}

export type Answer = { status: number; text: string; body: Json; ms: number };

/** Any call of the emulated API; the answer's text is kept (a lost answer is not JSON). */
export async function call(path: string, init: { token?: string; method?: "GET" | "POST"; body?: unknown; query?: Record<string, string> } = {}): Promise<Answer> {
  const url = new URL(wechatBase() + path);
  for (const [k, v] of Object.entries(init.query ?? {})) url.searchParams.set(k, v);
  if (init.token) url.searchParams.set("access_token", init.token);
  const method = init.method ?? "POST";
  const started = performance.now();
  const res = await fetch(url, { method, body: method === "POST" ? JSON.stringify(init.body ?? {}) : undefined });
  const text = await res.text();
  let body: Json = {};
  try {
    body = JSON.parse(text) as Json;
  } catch {
    // not JSON: a lost answer, an injected HTTP error
  }
  return { status: res.status, text, body, ms: performance.now() - started };
}

/** commit of the fleet's template; `ext` becomes the ext_json (a JSON string, as the documents require). */
export const commit = (token: string, templateId: number, ext: Json = { extAppid: "wx0000000000000001" }, userVersion = "1.0.0") =>
  call("/wxa/commit", { token, body: { template_id: templateId, ext_json: JSON.stringify(ext), user_version: userVersion, user_desc: "bulk" } });

export const submitAudit = (token: string, body: Json = {}) => call("/wxa/submit_audit", { token, body });

/** GET /sandbox/control/requests with the given filters. */
export async function requests(query: Record<string, string> = {}): Promise<Json> {
  const res = await control(`requests?${new URLSearchParams(query).toString()}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}
