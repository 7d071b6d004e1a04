/**
 * The console's HTTP server: Next.js behind a thin custom server, started by scripts/launch.ts (never directly).
 *
 *   node --import tsx scripts/serve.ts dev|start --port 3000 --trusted-proxy-hops 0
 *
 * Why not `next start`: Next fills X-Forwarded-For with the socket's address only when the header is missing, so a
 * client that sends its own hides its real address from the app (and from the sign-in throttle). Here every request
 * gets the address computed from the socket and the configured number of trusted proxies (lib/auth/client-address.ts)
 * in a private header, and X-Forwarded-For is overwritten with that one address so nothing downstream reads a forged
 * one. Plain Node (no react-server condition): Next loads its own module graph.
 */
import http, { type IncomingMessage } from "node:http";
import { parseArgs } from "node:util";
import next from "next";
import { CLIENT_IP_HEADER, clientAddress } from "../lib/auth/client-address";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { port: { type: "string" }, "trusted-proxy-hops": { type: "string", default: "0" } },
});
const mode = positionals[0];
const port = Number(values.port);
const hops = Number(values["trusted-proxy-hops"]);
if ((mode !== "dev" && mode !== "start") || !Number.isInteger(port) || !Number.isInteger(hops) || hops < 0) {
  console.error("usage: serve.ts dev|start --port <port> [--trusted-proxy-hops <n>]");
  process.exit(2);
}

function stampClientAddress(req: IncomingMessage) {
  const address = clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], hops);
  delete req.headers[CLIENT_IP_HEADER];
  delete req.headers["x-real-ip"];
  if (address) {
    req.headers[CLIENT_IP_HEADER] = address;
    req.headers["x-forwarded-for"] = address;
  } else {
    delete req.headers["x-forwarded-for"];
  }
}

const app = next({ dev: mode === "dev", hostname: "localhost", port });
await app.prepare();
const handle = app.getRequestHandler();

const server = http.createServer((req, res) => {
  stampClientAddress(req);
  handle(req, res).catch((error: unknown) => {
    console.error(`Failed to handle ${req.method} ${req.url}`, error);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });
});
// WebSocket upgrades (the dev server's hot reload) are handled by Next, which attaches its own `upgrade` listener
// to this server on the first request; this one only stamps the address first, or drops an upgrade arriving
// before Next is listening (what Node does when nobody handles upgrades).
server.on("upgrade", (req, socket) => {
  stampClientAddress(req);
  if (server.listenerCount("upgrade") === 1) socket.destroy();
});

server.listen(port, () => {
  console.log(`> Next.js ${mode === "dev" ? "development" : "production"} server listening on port ${port}`);
});

let closing = false;
async function close() {
  if (closing) return;
  closing = true;
  server.close();
  server.closeIdleConnections();
  await Promise.race([app.close(), new Promise((resolve) => setTimeout(resolve, 3000))]);
  process.exit(0);
}
process.on("SIGTERM", () => void close());
process.on("SIGINT", () => void close());
