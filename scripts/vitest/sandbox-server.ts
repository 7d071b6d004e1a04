/**
 * Serves the sandbox's web-standard handler on a real localhost port for tests: clients talk to it over HTTP,
 * exactly as the console's client does. Usage: `const sandbox = await startSandboxServer(); … sandbox.close()`.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

/** `baiduBase` is the emulated openapi.baidu.com (lib/sandbox/baidu), served by the same listener. */
export type SandboxServer = { baseUrl: string; wechatBase: string; baiduBase: string; close: () => Promise<void> };

/**
 * Under vitest, the first server of a file answers on the listener scripts/vitest/per-file-db.ts opened before the
 * environment was parsed (its base is WECHAT_API_BASE, an allowed API base); any further one, and scripts, get a
 * port of their own.
 */
export async function startSandboxServer(): Promise<SandboxServer> {
  const { handleWechatApi } = await import("@/lib/sandbox");
  const { handleBaiduApi } = await import("@/lib/sandbox/baidu");
  const handler: http.RequestListener = async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", `http://localhost`);
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = chunks.length ? Buffer.concat(chunks) : undefined;
      const request = new Request(`http://localhost${url.pathname}${url.search}`, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body: req.method === "GET" || req.method === "HEAD" ? undefined : body,
      });
      const prefix = ["/sandbox/wechat/", "/sandbox/baidu/"].find((p) => url.pathname.startsWith(p));
      if (!prefix) {
        res.writeHead(404).end("not found");
        return;
      }
      const segments = url.pathname.slice(prefix.length).split("/").map(decodeURIComponent);
      const response = await (prefix === "/sandbox/baidu/" ? handleBaiduApi : handleWechatApi)(request, segments);
      res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  };
  const reserved = (globalThis as { __mpcSandboxListener?: http.Server }).__mpcSandboxListener;
  const shared = reserved?.listening && reserved.listenerCount("request") === 0 ? reserved : undefined;
  let server: http.Server;
  if (shared) {
    server = shared;
    server.on("request", handler);
  } else {
    server = http.createServer(handler);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  }
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    wechatBase: `${baseUrl}/sandbox/wechat`,
    baiduBase: `${baseUrl}/sandbox/baidu`,
    // The shared listener stays open (per-file-db.ts closes it): only this server's handler goes.
    close: shared
      ? async () => void shared.off("request", handler)
      : () => new Promise((resolve) => server.close(() => resolve())),
  };
}
