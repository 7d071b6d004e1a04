import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { COMMON, errorBody, failWith, json, rid, SandboxError } from "./errors";
import { sandboxAuthorizers, sandboxPlatforms, sandboxTokens } from "./schema";
import { latencyClock, lostAnswer, pickFault, type LatencyClock } from "./faults";
import { checkFrequency } from "./frequency";
import { logCall } from "./request-log";
import { apiLimit, loggedBody, loggedUrl, rememberRid, spendApiCall } from "./openapi";
import { getSettings, type SandboxSettings } from "./settings";

export type PlatformRow = typeof sandboxPlatforms.$inferSelect;
export type AuthorizerRow = typeof sandboxAuthorizers.$inferSelect;

/**
 * none: no token (secret- or ticket-based); component: component_access_token; authorizer: authorizer_access_token.
 * any: either (e.g. /cgi-bin/clear_quota). Both query names (`access_token=`, `component_access_token=`) are accepted.
 */
export type TokenKind = "none" | "component" | "authorizer" | "any";
/** none: body ignored; json: optional JSON object ({} when empty); json-required: empty body → 44002. */
export type BodyRule = "none" | "json" | "json-required";

export type SandboxContext = {
  req: Request;
  url: URL;
  /** Path after /sandbox/wechat, e.g. `/wxa/commit`. */
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown>;
  settings: SandboxSettings;
  /** Set for component-token routes. */
  platform?: PlatformRow;
  /** Set for authorizer-token routes. */
  authorizer?: AuthorizerRow;
};

export type RouteDef = {
  method: "GET" | "POST";
  path: string;
  token: TokenKind;
  body: BodyRule;
  /** wxa: success answers carry errcode 0 / errmsg ok; plain: token endpoints answer their fields only. */
  envelope: "wxa" | "plain";
  /** Permission sets of which the authorizer must have granted at least one (61007 otherwise). */
  permissions?: number[];
  handler: (ctx: SandboxContext) => Promise<unknown>;
};

export function tokenFrom(query: URLSearchParams): string | null {
  return query.get("access_token") ?? query.get("component_access_token") ?? query.get("authorizer_access_token");
}

type IssuedToken = {
  token: typeof sandboxTokens.$inferSelect;
  platform: PlatformRow | null;
  authorizer: AuthorizerRow | null;
};

/** The call's token with its owner (platform or authorizer) joined, one round trip; null when absent or unknown. */
async function lookupToken(route: RouteDef, query: URLSearchParams): Promise<IssuedToken | null> {
  if (route.token === "none") return null;
  const token = tokenFrom(query);
  if (!token || !TOKEN_SHAPE.test(token)) return null;
  const [row] = await db
    .select({ token: sandboxTokens, platform: sandboxPlatforms, authorizer: sandboxAuthorizers })
    .from(sandboxTokens)
    .leftJoin(sandboxPlatforms, eq(sandboxPlatforms.componentAppid, sandboxTokens.componentAppid))
    .leftJoin(sandboxAuthorizers, eq(sandboxAuthorizers.appid, sandboxTokens.authorizerAppid))
    .where(eq(sandboxTokens.token, token))
    .limit(1);
  return row ?? null;
}

const TOKEN_SHAPE = /^[A-Za-z0-9_\-.@]{8,512}$/;

/** The account a token speaks for (authorizer appid, or the platform's component appid for a component token). */
const ownerOf = (issued: IssuedToken | null) => (issued ? (issued.token.kind === "authorizer" ? issued.token.authorizerAppid : issued.token.componentAppid) : null);

/** The platform's token rules, on the token looked up before (41001, 40014, 40001, 42001, 61014, 61003, 61007). */
function authenticate(route: RouteDef, ctx: SandboxContext, row: IssuedToken | null) {
  if (route.token === "none") return;
  const token = tokenFrom(ctx.query);
  if (!token) failWith(COMMON.missingToken);
  if (!TOKEN_SHAPE.test(token!)) failWith(COMMON.malformedToken);
  if (!row) failWith(COMMON.invalidToken);
  const { token: issued, platform, authorizer } = row!;
  if (issued.expiresAt.getTime() <= Date.now()) failWith(COMMON.expiredToken);

  if (route.token === "component" || (route.token === "any" && issued.kind === "component")) {
    if (issued.kind !== "component") failWith(COMMON.componentTokenRequired);
    if (!platform) failWith(COMMON.invalidToken);
    ctx.platform = platform!;
    return;
  }
  // An authorizer API called with the platform's own token is an invalid credential for that account.
  if (issued.kind !== "authorizer" || !authorizer) failWith(COMMON.invalidToken);
  if (!authorizer!.authorized) failWith(COMMON.notAuthorized);
  if (route.permissions && !route.permissions.some((p) => authorizer!.funcInfo.includes(p))) failWith(COMMON.apiUnauthorized);
  ctx.authorizer = authorizer!;
}

async function readBody(route: RouteDef, req: Request): Promise<Record<string, unknown>> {
  if (route.body === "none" || req.method !== "POST") return {};
  const text = (await req.text()).trim();
  if (!text) {
    if (route.body === "json-required") failWith(COMMON.emptyBody);
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    failWith(COMMON.badFormat);
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) failWith(COMMON.badFormat);
  return parsed as Record<string, unknown>;
}

/** An error answer; its rid is kept with the request as the platform saw it, for getRidInfo (reference §7.2). */
async function refusal(ctx: SandboxContext, started: number, errcode: number, errmsg: string, status: number) {
  const id = rid();
  const body = { errcode, errmsg: `${errmsg} rid: ${id}` };
  await rememberRid(id, {
    at: started,
    costMs: Date.now() - started,
    account: ctx.platform?.componentAppid ?? ctx.authorizer?.appid ?? null,
    requestUrl: loggedUrl(ctx.url),
    requestBody: loggedBody(ctx.body),
    responseBody: JSON.stringify(body),
    clientIp: ctx.req.headers.get("x-mpc-client-ip") ?? "127.0.0.1",
  }).catch((error: unknown) => console.error("[sandbox] rid not kept", error));
  return json(body, status);
}

/** What the bookkeeping needs of a call once it is answered. */
type Outcome = { errcode: number; account: string | null; lose: { delayMs: number } | null };

/**
 * Routes one request to the emulated API at `path` (the part after /sandbox/wechat). Order: the first half of the
 * global latency; the token's owner looked up; the first half of that account's latency; faults (global ones and
 * the owner's); method and token rules; frequency limits (45011, 9402202); the daily count (45009); the body; the
 * handler. A lose_answer fault lets all of that run and answers HTTP 504 instead. Every call is counted per path,
 * and per account when its token named one; the answer leaves once the whole latency has passed since the request
 * arrived (see latencyClock).
 */
export async function dispatch(routes: Map<string, RouteDef>, req: Request, path: string): Promise<Response> {
  const route = routes.get(path);
  if (!route) return json(errorBody(40066, "invalid url"), 404);
  const url = new URL(req.url);
  const ctx: SandboxContext = { req, url, path, query: url.searchParams, body: {}, settings: await getSettings() };
  const outcome: Outcome = { errcode: 0, account: null, lose: null };
  const clock = latencyClock(req.signal);
  let response: Response;
  try {
    response = await answer(route, ctx, outcome, clock);
  } finally {
    const trace = ctx.settings.traceCalls ? { arrivedAt: clock.arrivedAt, answeredAt: clock.answersAt(outcome.lose?.delayMs) } : undefined;
    await logCall(path, outcome.errcode, outcome.account, outcome.lose !== null, trace).catch((error: unknown) => console.error("[sandbox] call not counted", error));
  }
  await clock.settle();
  if (!outcome.lose) return response;
  await response.body?.cancel();
  return await lostAnswer(outcome.lose.delayMs, req.signal);
}

async function answer(route: RouteDef, ctx: SandboxContext, outcome: Outcome, clock: LatencyClock): Promise<Response> {
  const started = Date.now();
  const { req, path } = ctx;
  try {
    await clock.add(ctx.settings.latency);
    const issued = await lookupToken(route, ctx.query);
    outcome.account = ownerOf(issued);
    if (outcome.account) await clock.add(ctx.settings.latencyByAppid[outcome.account]);
    const injected = await pickFault(path, outcome.account, req.signal);
    if (injected?.kind === "answer") {
      outcome.errcode = injected.errcode;
      return injected.response;
    }
    if (injected?.kind === "lose") outcome.lose = { delayMs: injected.delayMs };
    if (req.method !== route.method) failWith(route.method === "GET" ? COMMON.requireGet : COMMON.requirePost);
    authenticate(route, ctx, issued);
    const account = ctx.platform?.componentAppid ?? ctx.authorizer?.appid;
    const componentAppid = ctx.platform?.componentAppid ?? ctx.authorizer?.componentAppid;
    if (account && componentAppid) await checkFrequency(ctx.settings, path, account, componentAppid);
    if (account) await spendApiCall(account, path, apiLimit(ctx.settings.apiDailyLimits, path));
    ctx.body = await readBody(route, req);
    const result = await route.handler(ctx);
    if (result instanceof Response) return result;
    const body = (result ?? {}) as Record<string, unknown>;
    return json(route.envelope === "wxa" ? { errcode: 0, errmsg: "ok", ...body } : body);
  } catch (error) {
    if (error instanceof SandboxError) {
      outcome.errcode = error.errcode;
      return await refusal(ctx, started, error.errcode, error.errmsg, error.httpStatus);
    }
    outcome.errcode = -1;
    console.error("[sandbox]", path, error);
    return await refusal(ctx, started, -1, "system error", 200);
  }
}
