import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import type { z } from "zod";
import { env } from "@/lib/env";
import type { Role } from "@/lib/vocab";
import * as ops from "./control-ops";
import { setQuota } from "./control-quota";
import { getSandboxState } from "./control-state";
import { requestsQuerySchema, seedAuthorizersSchema } from "./control-bulk-schemas";
import { readRequests } from "./request-log";
import { seedAuthorizers } from "./seed-world";
import { BAIDU_CONTROL, BaiduControlError } from "./baidu/control";
import {
  auditDecisionSchema,
  clearFaultsSchema,
  draftSchema,
  emptySchema,
  faultSchema,
  latencySchema,
  platformSchema,
  pushTicketSchema,
  quotaSchema,
  seedSchema,
  settingsPatchSchema,
  stateQuerySchema,
  unauthorizeSchema,
} from "./control-schemas";

/**
 * The sandbox control surface, mounted at /sandbox/control/* (app/sandbox/control/[...path]/route.ts): what a person
 * or a test uses to play the platform's side — decide audits, inject faults (per account, lost answers) and latency
 * (global, per account), push tickets, unauthorize, seed (a fleet that differs, for bulk tests) and reset, and read
 * the per-account request log. Open to an admin session or to `Authorization: Bearer $SANDBOX_CONTROL_TOKEN`.
 */

type Endpoint = { method: "GET" | "POST"; run: (raw: unknown) => Promise<Response> };

function endpoint<S extends z.ZodType>(method: "GET" | "POST", schema: S, run: (input: z.output<S>) => Promise<unknown>): Endpoint {
  return {
    method,
    async run(raw) {
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => ({ path: i.path.join("."), code: i.code, message: i.message }));
        return reply({ error: "invalid_input", issues }, 400);
      }
      return reply(await run(parsed.data));
    },
  };
}

const ENDPOINTS: Record<string, Endpoint> = {
  state: endpoint("GET", stateQuerySchema, getSandboxState),
  audit: endpoint("POST", auditDecisionSchema, ops.decide),
  settings: endpoint("POST", settingsPatchSchema, ops.patchSettings),
  faults: endpoint("POST", faultSchema, ops.addFault),
  "faults/clear": endpoint("POST", clearFaultsSchema, ops.clearFaults),
  latency: endpoint("POST", latencySchema, ops.setLatency),
  "push-ticket": endpoint("POST", pushTicketSchema, ops.pushTickets),
  unauthorize: endpoint("POST", unauthorizeSchema, ops.unauthorize),
  seed: endpoint("POST", seedSchema, ops.seed),
  reset: endpoint("POST", emptySchema, () => ops.resetSandbox()),
  "counters/reset": endpoint("POST", emptySchema, () => ops.resetCounters()),
  platforms: endpoint("POST", platformSchema, ops.addPlatform),
  deliver: endpoint("POST", emptySchema, () => ops.deliverNow()),
  drafts: endpoint("POST", draftSchema, ops.addDraft),
  quota: endpoint("POST", quotaSchema, setQuota),
  // For bulk tests and benches: the per-account request log, and a fleet of authorizers that differ.
  requests: endpoint("GET", requestsQuerySchema, readRequests),
  "seed-authorizers": endpoint("POST", seedAuthorizersSchema, seedAuthorizers),
  // The Baidu emulator's own operations (lib/sandbox/baidu/control.ts) under baidu/.
  ...Object.fromEntries(Object.entries(BAIDU_CONTROL).map(([name, op]) => [`baidu/${name}`, endpoint(op.method, op.schema, op.run)])),
};

export const controlPaths = () => Object.keys(ENDPOINTS).sort();

function reply(body: unknown, status = 200, headers: Record<string, string> = {}) {
  // Answers carry secrets (platform secret, tokens): never cached by a browser or a proxy.
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

/** Compares digests, so neither the content nor the length of the expected token leaks through timing. */
export function tokenMatches(given: string, expected: string | undefined): boolean {
  if (!expected) return false;
  const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export type ControlDeps = {
  /** The signed-in operator; defaults to the console's session (loaded only when no bearer token is given). */
  currentUser?: () => Promise<{ role: Role } | null>;
};

async function sessionUser(deps: ControlDeps) {
  if (deps.currentUser) return deps.currentUser();
  const { getCurrentUser } = await import("@/lib/auth/session");
  return getCurrentUser();
}

type Access = { ok: true; via: "token" | "session" } | { ok: false };

async function access(req: Request, deps: ControlDeps): Promise<Access> {
  const header = req.headers.get("authorization");
  if (header !== null) {
    // A request that names a credential is judged by it alone; a wrong token never falls back to the cookie.
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match && tokenMatches(match[1]!, env.SANDBOX_CONTROL_TOKEN) ? { ok: true, via: "token" } : { ok: false };
  }
  const user = await sessionUser(deps);
  return user?.role === "admin" ? { ok: true, via: "session" } : { ok: false };
}

async function readInput(req: Request, url: URL): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  if (req.method === "GET") return { ok: true, value: Object.fromEntries(url.searchParams.entries()) };
  const text = (await req.text()).trim();
  if (!text) return { ok: true, value: {} };
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === "object" && !Array.isArray(value)) return { ok: true, value };
  } catch {
    // answered below
  }
  return { ok: false, response: reply({ error: "invalid_json", issues: [{ path: "", message: "body must be a JSON object" }] }, 400) };
}

export async function handleSandboxControl(req: Request, segments: string[], deps: ControlDeps = {}): Promise<Response> {
  if (!env.SANDBOX) return new Response("Not Found", { status: 404 });
  const granted = await access(req, deps);
  if (!granted.ok) {
    return reply({ error: "unauthorized", message: "an admin session or Authorization: Bearer <SANDBOX_CONTROL_TOKEN> is required" }, 401, {
      "www-authenticate": 'Bearer realm="sandbox-control"',
    });
  }
  const name = segments.join("/");
  const target = Object.hasOwn(ENDPOINTS, name) ? ENDPOINTS[name] : undefined;
  if (!target) return reply({ error: "not_found", endpoints: controlPaths() }, 404);
  if (req.method !== target.method) return reply({ error: "method_not_allowed" }, 405, { allow: target.method });
  // Cookies ride along on cross-site form posts; a JSON content type cannot be sent cross-site without a CORS
  // preflight, which this route never grants. So a session may change the sandbox only with a JSON request.
  if (granted.via === "session" && req.method === "POST" && !/^application\/json\b/i.test(req.headers.get("content-type") ?? "")) {
    return reply({ error: "json_required" }, 415);
  }
  const input = await readInput(req, new URL(req.url));
  if (!input.ok) return input.response;
  try {
    return await target.run(input.value);
  } catch (error) {
    if (error instanceof ops.ControlError || error instanceof BaiduControlError) return reply({ error: error.code }, error.status);
    console.error("[sandbox control]", name, error);
    return reply({ error: "internal_error" }, 500);
  }
}
