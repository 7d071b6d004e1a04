import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { authConfig, PATH_HEADER } from "@/lib/auth/config";

// Signed-out people are sent to /login (lib/auth/config.ts `authorized`). Roles are checked again on the
// server by every page, action and route: the proxy is a convenience, not the security boundary.
export default NextAuth(authConfig).auth((req) => {
  // Server components cannot see the requested path; pass it on for the sign-in callback (lib/auth/session.ts).
  const headers = new Headers(req.headers);
  headers.set(PATH_HEADER, req.nextUrl.pathname + req.nextUrl.search);
  return NextResponse.next({ request: { headers } });
});

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)"],
};
