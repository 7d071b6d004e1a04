import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { authConfig, PATH_HEADER } from "@/lib/auth/config";
import { env } from "@/lib/env";
import { contentSecurityPolicy, HSTS, newNonce } from "@/lib/security-headers";

const policy = { dev: env.NODE_ENV === "development", https: env.APP_URL.startsWith("https://") };

// Signed-out people are sent to /login (lib/auth/config.ts `authorized`). Roles are checked again on the
// server by every page, action and route: the proxy is a convenience, not the security boundary.
export default NextAuth(authConfig).auth((req) => {
  const csp = contentSecurityPolicy(newNonce(), policy);
  const headers = new Headers(req.headers);
  // Server components cannot see the requested path; pass it on for the sign-in callback (lib/auth/session.ts).
  headers.set(PATH_HEADER, req.nextUrl.pathname + req.nextUrl.search);
  // Next reads the nonce from the request's policy and puts it on the scripts it renders.
  headers.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  if (policy.https) response.headers.set("Strict-Transport-Security", HSTS);
  return response;
});

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)"],
};
