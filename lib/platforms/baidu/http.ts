import "server-only";
import { inCallSlot } from "@/lib/platforms/call-slots";
import { recordOperation } from "@/lib/history";
import { REDACTED } from "@/lib/history/redact";
import { baiduApiBase, baiduApiBaseProblem } from "./api-base";
import { BaiduApiBaseRefusedError, BaiduError, BaiduOAuthError, BaiduTransportError } from "./baidu-error";

/**
 * One HTTP call to Baidu's open API (or the emulator standing in for it), with its answer rules:
 * - parameters are the query (GET) or an `application/x-www-form-urlencoded` body (POST); the access token always
 *   goes in the query, under `access_token`;
 * - `{errno, msg, data}`: a non-zero errno is a BaiduError, else `data` is the answer; the OAuth token endpoint
 *   (`expect: "oauth"`) answers its fields bare, or `{error, error_description}` (a BaiduOAuthError);
 * - transient failures (network, timeouts, HTTP 5xx, errno -1) are retried with backoff, at most 3 attempts, and only for
 *   calls marked `transient` (upload, submitaudit, rollback and the token grants never are);
 * - every attempt writes one history row (lib/history redacts tokens, tickets and codes; the OAuth `code` parameter,
 *   whose name the shared redactor cannot know is a secret, is redacted here);
 * - nothing is sent to a base ./api-base.ts does not allow, redirects are refused, a body that is not JSON is
 *   reported by its status only.
 */

export type BaiduHistoryContext = { actorId?: string | null; tenantId?: string | null; bulkJobId?: string | null };

export type BaiduRequest = {
  method: "GET" | "POST";
  path: string;
  base?: string | null;
  params?: Record<string, string | number | undefined>;
  /** Never written to the history. */
  token?: string;
  expect?: "envelope" | "oauth";
  retry?: "transient" | "never";
  action: string | false;
  context?: BaiduHistoryContext;
  timeoutMs?: number;
  /**
   * A write that must land before anything else can fail, given the answer as soon as it is in (before its history
   * row): the token authority stores a rotated refresh token here. If it throws, the call fails with its error.
   */
  persist?: (answer: unknown) => Promise<void>;
};

const MAX_ATTEMPTS = 3;
const BASE_DELAY_MS = 250;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const retryDelay = (attempt: number) => Math.min(4000, BASE_DELAY_MS * 2 ** attempt) * (0.5 + Math.random() / 2);

/** Parameters whose values are secrets although their names do not say so. */
const SECRET_PARAMS = new Set(["code"]);

const defined = (params: BaiduRequest["params"]) =>
  Object.entries(params ?? {}).filter((entry): entry is [string, string | number] => entry[1] !== undefined).map(([k, v]) => [k, String(v)] as const);

function urlOf(req: BaiduRequest): URL {
  const url = new URL(baiduApiBase(req.base).replace(/\/+$/, "") + req.path);
  if (req.method === "GET") for (const [k, v] of defined(req.params)) url.searchParams.set(k, v);
  if (req.token) url.searchParams.set("access_token", req.token);
  return url;
}

function bodyOf(req: BaiduRequest): RequestInit {
  if (req.method === "GET") return {};
  return { headers: { "content-type": "application/x-www-form-urlencoded;charset=utf-8" }, body: new URLSearchParams(defined(req.params) as [string, string][]).toString() };
}

async function attemptOnce(req: BaiduRequest): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(urlOf(req), { method: req.method, ...bodyOf(req), signal: AbortSignal.timeout(req.timeoutMs ?? 15_000), redirect: "manual" });
  } catch (error) {
    const reason = (error as Error).name === "TimeoutError" ? "timed out" : `network error: ${(error as Error).message}`;
    throw new BaiduTransportError(req.path, reason);
  }
  if (res.status >= 300 && res.status < 400) {
    await res.body?.cancel();
    throw new BaiduTransportError(req.path, `HTTP ${res.status}, redirect refused`, res.status, false);
  }
  if (res.status >= 500) throw new BaiduTransportError(req.path, `HTTP ${res.status}`, res.status);
  let body: unknown;
  try {
    body = JSON.parse(await res.text());
  } catch {
    throw new BaiduTransportError(req.path, `HTTP ${res.status}, not JSON`, res.status);
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new BaiduTransportError(req.path, `HTTP ${res.status}, not an API answer`, res.status);
  const o = body as Record<string, unknown>;
  if (typeof o.error === "string" && o.error !== "") throw new BaiduOAuthError(o.error, String(o.error_description ?? ""), req.path);
  if (typeof o.errno === "number" && o.errno !== 0) throw new BaiduError(o.errno, String(o.msg ?? ""), req.path);
  if (req.expect === "oauth") return body;
  if (typeof o.errno !== "number") throw new BaiduTransportError(req.path, `HTTP ${res.status}, no errno in the answer`, res.status);
  return o.data;
}

// -1: the emulator's "system error" (Baidu's documents give no busy code); retried like a transport failure.
const TRANSIENT_ERRNOS = new Set([-1]);
const isTransient = (error: unknown) => (error instanceof BaiduTransportError && error.retryable) || (error instanceof BaiduError && TRANSIENT_ERRNOS.has(error.code));

async function record(req: BaiduRequest, started: number, outcome: { answer?: unknown; error?: unknown }) {
  if (!req.action) return;
  const { error } = outcome;
  const params = Object.fromEntries(defined(req.params).map(([k, v]) => [k, SECRET_PARAMS.has(k) ? REDACTED : v]));
  const response =
    error instanceof BaiduError
      ? { errno: error.code, msg: error.rawMessage }
      : error instanceof BaiduOAuthError
        ? { error: error.error, error_description: error.description }
        : error
          ? { error: (error as Error).message }
          : outcome.answer;
  await recordOperation({
    actorId: req.context?.actorId,
    tenantId: req.context?.tenantId,
    bulkJobId: req.context?.bulkJobId,
    action: req.action,
    request: { method: req.method, path: req.path, params },
    response: response === undefined ? null : response,
    errcode: error instanceof BaiduError ? error.code : error ? null : 0,
    ok: !error,
    durationMs: Date.now() - started,
  }).catch((e) => console.error("[baidu] could not write history", e));
}

/** Performs the call (with retries when allowed): the answer's `data` (or the bare OAuth answer). */
export async function baiduRequest(req: BaiduRequest): Promise<unknown> {
  if (baiduApiBaseProblem(baiduApiBase(req.base))) {
    const refused = new BaiduApiBaseRefusedError(req.path, baiduApiBase(req.base));
    await record(req, Date.now(), { error: refused });
    throw refused;
  }
  const attempts = req.retry === "transient" ? MAX_ATTEMPTS : 1;
  for (let attempt = 0; ; attempt++) {
    let started = Date.now();
    let answer: unknown;
    try {
      answer = await inCallSlot(() => ((started = Date.now()), attemptOnce(req)));
    } catch (error) {
      await record(req, started, { error });
      if (attempt + 1 >= attempts || !isTransient(error)) throw error;
      await sleep(retryDelay(attempt));
      continue;
    }
    if (req.persist) {
      try {
        await req.persist(answer);
      } catch (error) {
        // The write's own error is not copied into the history: it may quote the (encrypted) values it tried to store.
        await record(req, started, { error: new Error("answered, but the answer could not be stored") });
        throw error;
      }
    }
    await record(req, started, { answer });
    return answer;
  }
}
