/**
 * Serves the sandbox's web-standard handler on a real localhost port for tests: clients talk to it over HTTP,
 * exactly as the console's client does. Usage: `const sandbox = await startSandboxServer(); … sandbox.close()`.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export type SandboxServer = { baseUrl: string; wechatBase: string; close: () => Promise<void> };

export async function startSandboxServer(): Promise<SandboxServer> {
  const { handleWechatApi } = await import("@/lib/sandbox");
  const server = http.createServer(async (req, res) => {
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
      const prefix = "/sandbox/wechat/";
      if (!url.pathname.startsWith(prefix)) {
        res.writeHead(404).end("not found");
        return;
      }
      const segments = url.pathname.slice(prefix.length).split("/").map(decodeURIComponent);
      const response = await handleWechatApi(request, segments);
      res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    wechatBase: `${baseUrl}/sandbox/wechat`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
