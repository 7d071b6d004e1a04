import "server-only";
import { inCallSlot } from "@/lib/platforms/call-slots";
import { recordOperation } from "@/lib/history";
import { apiBaseProblem, effectiveApiBase } from "./api-base";
import { ApiBaseRefusedError, WeChatError, WeChatTransportError } from "@/lib/platforms/wechat/errors/wechat-error";

/**
 * One HTTP call to the WeChat API (or the sandbox standing in for it), with the platform's answer rules:
 * - a JSON body with a non-zero errcode is a WeChatError (token endpoints answer their fields with no errcode);
 * - binary answers (get_qrcode) are recognised by content type; a JSON body there is an error, not an image;
 * - transient failures (-1, 45011, network, timeouts, HTTP 5xx) are retried with backoff and jitter, a bounded number
 *   of times, and only for calls marked `retry: "transient"`; commit and submit_audit are never retried blindly;
 * - every attempt writes one history row, with tokens, secrets and codes redacted (lib/history);
 * - nothing is sent to a base lib/platforms/wechat/api-base.ts does not allow, redirects are refused (they would carry the
 *   secret or a token elsewhere), and a body that is not JSON is reported by status only (it may be anyone's page).
 */

export type HistoryContext = { actorId?: string | null; tenantId?: string | null; bulkJobId?: string | null };

export type WeChatRequest = {
  method: "GET" | "POST";
  path: string;
  /** Base URL; default WECHAT_API_BASE (a platform account may name its own). */
  base?: string | null;
  query?: Record<string, string | number | undefined>;
  /** The access token and the query name it goes under. Never written to the history. */
  token?: { name: "access_token" | "component_access_token"; value: string };
  body?: unknown;
  /** Send `body` as multipart form data: fields that are `{name, type, bytes}` become files, others text. */
  multipart?: boolean;
  expect?: "json" | "binary";
  retry?: "transient" | "never";
  /** History: the action name (e.g. `wxa.commit`) and who/what it was for; `false` for nothing (tests, probes). */
  action: string | false;
  context?: HistoryContext;
  timeoutMs?: number;
};

export type BinaryAnswer = { contentType: string; bytes: Uint8Array };

const TRANSIENT_ERRCODES = new Set([-1, 45011]);
const MAX_ATTEMPTS = 3;
const BASE_DELAY_MS = 250;
const MAX_DELAY_MS = 4000;

export const retryDelay = (attempt: number) =>
  Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt) * (0.5 + Math.random() / 2);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const baseOf = (req: WeChatRequest) => effectiveApiBase(req.base);

function urlOf(req: WeChatRequest): URL {
  const base = baseOf(req).replace(/\/$/, "");
  const url = new URL(base + req.path);
  for (const [key, value] of Object.entries(req.query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
  if (req.token) url.searchParams.set(req.token.name, req.token.value);
  return url;
}

export type FilePart = { name: string; type: string; bytes: Uint8Array };
const isFilePart = (v: unknown): v is FilePart =>
  typeof v === "object" && v !== null && typeof (v as FilePart).name === "string" && (v as FilePart).bytes instanceof Uint8Array;

/** Built anew for each attempt (a body stream is consumed by the first). fetch writes the boundary's content type. */
function formOf(body: unknown): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (value === undefined) continue;
    if (isFilePart(value)) form.append(key, new Blob([value.bytes as Uint8Array<ArrayBuffer>], { type: value.type || "application/octet-stream" }), value.name);
    else form.append(key, typeof value === "string" ? value : JSON.stringify(value));
  }
  return form;
}

/** What the history keeps of a body: files as name, type and size, never their bytes. */
function bodyForHistory(req: WeChatRequest): unknown {
  if (!req.multipart || !req.body || typeof req.body !== "object") return req.body;
  return Object.fromEntries(
    Object.entries(req.body as Record<string, unknown>).map(([k, v]) => [k, isFilePart(v) ? { file: v.name, type: v.type, size: v.bytes.length } : v]),
  );
}

function bodyOf(req: WeChatRequest): { headers?: Record<string, string>; body?: BodyInit } {
  if (req.body === undefined) return {};
  if (req.multipart) return { body: formOf(req.body) };
  return { headers: { "content-type": "application/json; charset=utf-8" }, body: JSON.stringify(req.body) };
}

async function attemptOnce(req: WeChatRequest): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(urlOf(req), {
      method: req.method,
      ...bodyOf(req),
      signal: AbortSignal.timeout(req.timeoutMs ?? 15_000),
      redirect: "manual",
    });
  } catch (error) {
    const reason = (error as Error).name === "TimeoutError" ? "timed out" : `network error: ${(error as Error).message}`;
    throw new WeChatTransportError(req.path, reason);
  }
  if (res.status >= 300 && res.status < 400) {
    await res.body?.cancel();
    throw new WeChatTransportError(req.path, `HTTP ${res.status}, redirect refused`, res.status, false);
  }
  if (res.status >= 500) throw new WeChatTransportError(req.path, `HTTP ${res.status}`, res.status);
  const contentType = res.headers.get("content-type") ?? "";
  if (req.expect === "binary" && !contentType.includes("json") && !contentType.startsWith("text/")) {
    if (!res.ok) throw new WeChatTransportError(req.path, `HTTP ${res.status}`, res.status);
    return { contentType, bytes: new Uint8Array(await res.arrayBuffer()) } satisfies BinaryAnswer;
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new WeChatTransportError(req.path, `HTTP ${res.status}, not JSON`, res.status);
  }
  const errcode = (body as { errcode?: unknown })?.errcode;
  if (typeof errcode === "number" && errcode !== 0) {
    throw new WeChatError(errcode, String((body as { errmsg?: unknown }).errmsg ?? ""), req.path);
  }
  // A binary endpoint that answered JSON without an errcode is not an image either.
  if (req.expect === "binary") throw new WeChatTransportError(req.path, "expected an image, got JSON");
  return body;
}

function isTransient(error: unknown): boolean {
  if (error instanceof WeChatTransportError) return error.retryable;
  return error instanceof WeChatError && TRANSIENT_ERRCODES.has(error.errcode);
}

async function record(req: WeChatRequest, started: number, outcome: { answer?: unknown; error?: unknown }) {
  if (!req.action) return;
  const { error } = outcome;
  const answer =
    outcome.answer && typeof outcome.answer === "object" && "bytes" in (outcome.answer as object)
      ? { contentType: (outcome.answer as BinaryAnswer).contentType, bytes: (outcome.answer as BinaryAnswer).bytes.length }
      : outcome.answer;
  await recordOperation({
    actorId: req.context?.actorId,
    tenantId: req.context?.tenantId,
    bulkJobId: req.context?.bulkJobId,
    action: req.action,
    request: { method: req.method, path: req.path, query: req.query, body: bodyForHistory(req) },
    response: error instanceof WeChatError ? { errcode: error.errcode, errmsg: error.errmsg } : error ? { error: (error as Error).message } : answer,
    errcode: error instanceof WeChatError ? error.errcode : error ? null : 0,
    ok: !error,
    durationMs: Date.now() - started,
  }).catch((e) => console.error("[wechat] could not write history", e));
}

/** Performs the call (with retries when allowed); throws WeChatError or WeChatTransportError. */
export async function wechatRequest<T = unknown>(req: WeChatRequest): Promise<T> {
  if (apiBaseProblem(baseOf(req))) {
    const refused = new ApiBaseRefusedError(req.path, baseOf(req));
    await record(req, Date.now(), { error: refused });
    throw refused;
  }
  const attempts = req.retry === "transient" ? MAX_ATTEMPTS : 1;
  for (let attempt = 0; ; attempt++) {
    let started = Date.now();
    try {
      const answer = await inCallSlot(() => ((started = Date.now()), attemptOnce(req)));
      await record(req, started, { answer });
      return answer as T;
    } catch (error) {
      await record(req, started, { error });
      if (attempt + 1 >= attempts || !isTransient(error)) throw error;
      await sleep(retryDelay(attempt));
    }
  }
}
