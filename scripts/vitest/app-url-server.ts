/**
 * A local HTTP server that is this test file's APP_URL (vitest only; never imported by the app). The sandbox pushes
 * only to the console's own origin (lib/sandbox/push.ts), so a test that receives pushes must be that origin.
 * Import it before any project module: it sets APP_URL before lib/env.ts parses the environment on first import.
 *
 *   import { appUrl, onRequest } from "@/scripts/vitest/app-url-server";
 *   onRequest(async (req) => ({ status: 200, body: "success" }));
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll } from "vitest";

export type Received = { method: string; path: string; search: string; query: URLSearchParams; headers: http.IncomingHttpHeaders; body: Buffer };
export type Answer = { status?: number; body: string; contentType?: string };
type Handler = (req: Received) => Promise<Answer> | Answer;

let handler: Handler = () => ({ body: "success" });

/** Sets how the server answers (default: `success` to everything). */
export function onRequest(next: Handler) {
  handler = next;
}

const server = http.createServer(async (req, res) => {
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? "/", "http://localhost");
    const answer = await handler({ method: req.method ?? "GET", path: url.pathname, search: url.search, query: url.searchParams, headers: req.headers, body: Buffer.concat(chunks) });
    res.writeHead(answer.status ?? 200, { "content-type": answer.contentType ?? "text/plain" }).end(answer.body);
  } catch (error) {
    res.writeHead(500).end(String(error));
  }
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));

export const appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
// Tests set the environment before lib/env.ts parses it; nothing else in the app may.
process.env.APP_URL = appUrl;

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
