import http from "node:http";

/**
 * Sign-in attempts posted straight to Auth.js' own endpoints (GET /api/auth/csrf, then POST
 * /api/auth/callback/credentials), from a chosen loopback address: 127.0.0.0/8 all reaches this machine, so
 * `localAddress: "127.0.0.9"` is a client of its own, whose lockouts do not touch the browser tests on 127.0.0.1.
 * Any header can be added to every request (a forged X-Forwarded-For, say).
 */
export class AuthClient {
  private readonly cookies = new Map<string, string>();
  private csrfToken = "";

  constructor(
    private readonly baseURL: string,
    private readonly localAddress: string,
  ) {}

  private send(method: "GET" | "POST", path: string, headers: Record<string, string>, body?: string) {
    const base = new URL(this.baseURL);
    return new Promise<{ status: number; location: string | undefined; body: string }>((resolve, reject) => {
      const req = http.request(
        {
          // The server listens on every interface; connect over IPv4 so that the loopback alias is the source.
          host: "127.0.0.1",
          port: Number(base.port),
          localAddress: this.localAddress,
          method,
          path,
          headers: {
            host: base.host,
            cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; "),
            ...(body === undefined ? {} : { "content-type": "application/x-www-form-urlencoded", "content-length": String(Buffer.byteLength(body)) }),
            ...headers,
          },
        },
        (res) => {
          // Later cookies of the same name win, as in a browser (the proxy and the route may both set one).
          for (const line of res.headers["set-cookie"] ?? []) {
            const [pair] = line.split(";");
            const at = pair!.indexOf("=");
            this.cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
          }
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => (text += chunk));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, body: text }));
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  }

  /** Gets the CSRF token (and its cookie) every sign-in POST must carry. */
  async start(headers: Record<string, string> = {}) {
    const res = await this.send("GET", "/api/auth/csrf", headers);
    this.csrfToken = (JSON.parse(res.body) as { csrfToken: string }).csrfToken;
  }

  /** Returns the `code` Auth.js put in its redirect to /login (`credentials`, `locked:30`…), or null on success. */
  async signIn(email: string, password: string, headers: Record<string, string> = {}): Promise<string | null> {
    const body = new URLSearchParams({ csrfToken: this.csrfToken, email, password }).toString();
    const res = await this.send("POST", "/api/auth/callback/credentials", headers, body);
    if (res.status !== 302 || !res.location) throw new Error(`unexpected sign-in answer ${res.status}`);
    const location = new URL(res.location, this.baseURL);
    if (location.searchParams.get("error") === null) return null;
    return location.searchParams.get("code") ?? location.searchParams.get("error");
  }
}
