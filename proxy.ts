import NextAuth from "next-auth";
import { authConfig } from "@/lib/auth/config";

// Signed-out people are sent to /login (lib/auth/config.ts `authorized`). Roles are checked again on the
// server by every page, action and route: the proxy is a convenience, not the security boundary.
export default NextAuth(authConfig).auth;

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)"],
};
