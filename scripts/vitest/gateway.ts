/**
 * Local HTTP servers for tests of the road to the platform (no project imports: they start before lib/env.ts is
 * parsed, so a test can make one of them APP_URL, whose /sandbox/wechat is an allowed API base).
 *
 * - `startGateway(target)` stands between the console and the sandbox at `target` (an origin). Its mode says what it
 *   does with each request: forward it (optionally holding the answer back, as a slow network would), redirect it
 *   to the sandbox, or answer a page that is not JSON.
 * - `startRecorder()` records what reaches it and answers `{}`: proof that nothing was sent to a host.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { vi } from "vitest";

export type Seen = { method: string; path: string; query: string; body: string };
export type GatewayMode = { kind: "forward" } | { kind: "redirect"; status: number } | { kind: "page"; status: number; body: string };

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const closer = (server: http.Server) => () =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

export async function startGateway(target: string) {
  let mode: GatewayMode = { kind: "forward" };
  const seen: Seen[] = [];
  // Answers of `path` held back for `ms` (the upstream has already answered: its state has changed).
  const holds: { path: string; ms: number; remaining: number }[] = [];
  const heldWaiters: (() => void)[] = [];

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const body = await readBody(req);
    seen.push({ method: req.method ?? "", path: url.pathname, query: url.search, body });
    if (mode.kind === "page") return void res.writeHead(mode.status, { "content-type": "text/html" }).end(mode.body);
    if (mode.kind === "redirect") return void res.writeHead(mode.status, { location: `${target}${url.pathname}${url.search}` }).end();
    const upstream = await fetch(`${target}${url.pathname}${url.search}`, {
      method: req.method,
      headers: req.headers["content-type"] ? { "content-type": req.headers["content-type"] } : undefined,
      body: req.method === "GET" || req.method === "HEAD" ? undefined : body,
    });
    const answer = Buffer.from(await upstream.arrayBuffer());
    const hold = holds.find((h) => h.remaining > 0 && url.pathname.endsWith(h.path));
    if (hold) {
      hold.remaining--;
      heldWaiters.splice(0).forEach((resolve) => resolve());
      await new Promise((resolve) => setTimeout(resolve, hold.ms));
    }
    res.writeHead(upstream.status, { "content-type": upstream.headers.get("content-type") ?? "application/json" }).end(answer);
  });
  const origin = await listen(server);

  return {
    origin,
    seen,
    setMode(next: GatewayMode) {
      mode = next;
    },
    /** Holds the next `count` answers of a path (suffix match) for `ms` after the upstream gave them. */
    hold(path: string, ms: number, count = 1) {
      holds.push({ path, ms, remaining: count });
    },
    /** Resolves when the next held answer has come back from the upstream (and is being held). */
    held: () => new Promise<void>((resolve) => heldWaiters.push(resolve)),
    reset() {
      mode = { kind: "forward" };
      seen.length = 0;
      holds.length = 0;
    },
    close: closer(server),
  };
}

export async function startRecorder() {
  const seen: Seen[] = [];
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    seen.push({ method: req.method ?? "", path: url.pathname, query: url.search, body: await readBody(req) });
    res.writeHead(200, { "content-type": "application/json" }).end("{}");
  });
  const origin = await listen(server);
  return { origin, seen, close: closer(server) };
}

/**
 * A gateway to this file's sandbox that is also the console's APP_URL (where the sandbox's pushes go). Call it inside
 * `vi.hoisted`, so APP_URL is set before lib/env is first imported:
 *   const { gateway } = await vi.hoisted(() => import("@/scripts/vitest/gateway").then((m) => m.gatewayAsAppUrl()));
 */
export async function gatewayAsAppUrl() {
  const gateway = await startGateway(new URL(process.env.WECHAT_API_BASE!).origin);
  vi.stubEnv("APP_URL", gateway.origin);
  return { gateway };
}
