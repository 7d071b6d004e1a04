import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { latencyClock, lostAnswer, pickFault, type LatencyClock } from "../faults";
import { logCall } from "../request-log";
import { getSettings } from "../settings";
import { BAIDU_ERRNO, BaiduOAuthError, BaiduSandboxError, baiduErrorBody, baiduFail, baiduJson } from "./errors";
import type { BaiduAppRow, BaiduPlatformRow } from "./registry";
import { sandboxBaiduApps, sandboxBaiduPlatforms, sandboxBaiduTokens } from "./schema";
import { getBaiduSettings, type BaiduSettings } from "./settings";

/**
 * The emulated openapi.baidu.com's generic rules, applied before any handler: latency and faults (the WeChat
 * emulator's, shared), the method, the token (TP token or smart-program token, always `access_token`), then the
 * handler. Parameters are read from the query and, for POST, from a form (or JSON) body, as Baidu takes them.
 * Answers: `{errno:0, msg:"success", data?}`, refusals `{errno, msg}`; the OAuth route answers bare objects.
 * Every call is counted (sandbox_counters / sandbox_requests) under its path, e.g. `/rest/2.0/smartapp/package/get`.
 */

/** none: no token (client_id + ticket); tp: the TP token; app: a smart program's token; oauth: TP token, OAuth errors. */
export type BaiduTokenKind = "none" | "tp" | "app" | "oauth";

export type BaiduContext = {
  req: Request;
  path: string;
  params: Record<string, unknown>;
  settings: BaiduSettings;
  platform?: BaiduPlatformRow;
  app?: BaiduAppRow;
};

export type BaiduRoute = {
  /** ANY: GET or POST (the OAuth endpoint). */
  method: "GET" | "POST" | "ANY";
  path: string;
  token: BaiduTokenKind;
  /** Returns `data` (undefined: none), or a Response for bare answers. */
  handler: (ctx: BaiduContext) => Promise<unknown>;
};

type Issued = { token: typeof sandboxBaiduTokens.$inferSelect; platform: BaiduPlatformRow | null; app: BaiduAppRow | null };

const TOKEN_SHAPE = /^[A-Za-z0-9_\-.]{8,512}$/;

async function lookupToken(token: unknown): Promise<Issued | null> {
  if (typeof token !== "string" || !TOKEN_SHAPE.test(token)) return null;
  const [row] = await db
    .select({ token: sandboxBaiduTokens, platform: sandboxBaiduPlatforms, app: sandboxBaiduApps })
    .from(sandboxBaiduTokens)
    .leftJoin(sandboxBaiduPlatforms, eq(sandboxBaiduPlatforms.clientId, sandboxBaiduTokens.clientId))
    .leftJoin(sandboxBaiduApps, eq(sandboxBaiduApps.appId, sandboxBaiduTokens.appId))
    .where(eq(sandboxBaiduTokens.token, token))
    .limit(1);
  return row ?? null;
}

/** The account a token speaks for: the app id (as text) or the platform's client_id. */
const ownerOf = (issued: Issued | null) => (issued ? (issued.token.kind === "app" ? String(issued.token.appId) : issued.token.clientId) : null);

function authenticate(route: BaiduRoute, ctx: BaiduContext, issued: Issued | null) {
  if (route.token === "none") return;
  const oauth = route.token === "oauth";
  const refuse = (expired: boolean): never => {
    if (oauth) throw new BaiduOAuthError("invalid_client", expired ? "tp access_token expired" : "tp access_token missing or invalid");
    return baiduFail(expired ? "expiredToken" : "invalidToken");
  };
  if (!issued) return refuse(false);
  if (issued.token.expiresAt.getTime() <= Date.now()) return refuse(true);
  const wanted = route.token === "app" ? "app" : "tp";
  // A TP token on a smart-program API (or the reverse) is not a credential for it.
  if (issued.token.kind !== wanted) return refuse(false);
  if (wanted === "tp") {
    if (!issued.platform) return refuse(false);
    ctx.platform = issued.platform;
    return;
  }
  if (!issued.app || !issued.app.authorized) return refuse(false);
  ctx.app = issued.app;
}

/** Query parameters, then the body's (form-encoded, or a JSON object): the body wins for a name given twice. */
async function readParams(req: Request, url: URL): Promise<Record<string, unknown>> {
  const params: Record<string, unknown> = Object.fromEntries(url.searchParams.entries());
  if (req.method !== "POST") return params;
  const text = (await req.text()).trim();
  if (!text) return params;
  const type = req.headers.get("content-type") ?? "";
  if (/json/i.test(type) || text.startsWith("{")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      baiduFail("invalidParam", "body is not JSON");
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) baiduFail("invalidParam", "body is not a JSON object");
    return { ...params, ...(parsed as Record<string, unknown>) };
  }
  return { ...params, ...Object.fromEntries(new URLSearchParams(text).entries()) };
}

const renderFault = (errcode: number) => baiduJson(baiduErrorBody(errcode, errcode === -1 ? "system error" : "sandbox injected fault"));

type Outcome = { errno: number; account: string | null; lose: { delayMs: number } | null };

/** Routes one request to the emulated Baidu API at `path` (the part after /sandbox/baidu). */
export async function dispatchBaidu(routes: Map<string, BaiduRoute>, req: Request, path: string): Promise<Response> {
  const route = routes.get(path);
  if (!route) return baiduJson(baiduErrorBody(...BAIDU_ERRNO.unknownApi), 404);
  const outcome: Outcome = { errno: 0, account: null, lose: null };
  const clock = latencyClock(req.signal);
  let response: Response;
  try {
    response = await answer(route, req, path, outcome, clock);
  } finally {
    const trace = (await getSettings()).traceCalls ? { arrivedAt: clock.arrivedAt, answeredAt: clock.answersAt(outcome.lose?.delayMs) } : undefined;
    await logCall(path, outcome.errno, outcome.account, outcome.lose !== null, trace).catch((error: unknown) => console.error("[sandbox baidu] call not counted", error));
  }
  await clock.settle();
  if (!outcome.lose) return response;
  await response.body?.cancel();
  return await lostAnswer(outcome.lose.delayMs, req.signal);
}

async function answer(route: BaiduRoute, req: Request, path: string, outcome: Outcome, clock: LatencyClock): Promise<Response> {
  const url = new URL(req.url);
  const ctx: BaiduContext = { req, path, params: {}, settings: await getBaiduSettings() };
  try {
    const shared = await getSettings();
    await clock.add(shared.latency);
    if (route.method !== "ANY" && req.method !== route.method) baiduFail("methodNotAllowed", `${route.method} required`);
    ctx.params = await readParams(req, url);
    const issued = route.token === "none" ? null : await lookupToken(ctx.params.access_token);
    outcome.account = ownerOf(issued);
    if (outcome.account) await clock.add(shared.latencyByAppid[outcome.account]);
    const injected = await pickFault(path, outcome.account, req.signal, renderFault);
    if (injected?.kind === "answer") {
      outcome.errno = injected.errcode;
      return injected.response;
    }
    if (injected?.kind === "lose") outcome.lose = { delayMs: injected.delayMs };
    authenticate(route, ctx, issued);
    const result = await route.handler(ctx);
    if (result instanceof Response) return result;
    return baiduJson(result === undefined ? { errno: 0, msg: "success" } : { errno: 0, msg: "success", data: result });
  } catch (error) {
    if (error instanceof BaiduSandboxError) {
      outcome.errno = error.errno;
      return baiduJson(baiduErrorBody(error.errno, error.msg));
    }
    if (error instanceof BaiduOAuthError) {
      // Counted under 40001 (emulator choice: the OAuth answer has no errno).
      outcome.errno = BAIDU_ERRNO.invalidParam[0];
      return baiduJson({ error: error.error, error_description: error.description }, 400);
    }
    outcome.errno = -1;
    console.error("[sandbox baidu]", path, error);
    return baiduJson(baiduErrorBody(...BAIDU_ERRNO.systemError));
  }
}
