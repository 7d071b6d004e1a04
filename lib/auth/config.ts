import type { NextAuthConfig } from "next-auth";
import type { Role } from "@/lib/vocab";
import { env } from "@/lib/env";

declare module "next-auth" {
  interface User {
    role?: Role;
    sessionVersion?: number;
  }
  interface Session {
    user: { id: string; role: Role; sv: number; name?: string | null; email?: string | null };
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    id?: string;
    role?: Role;
    sv?: number;
  }
}

/** Request header carrying the requested path from the proxy to server components (for sign-in callbacks). */
export const PATH_HEADER = "x-mpc-path";

/** Paths a signed-out person may open. Everything else is the console. */
// /sandbox/wechat authenticates by platform tokens; /sandbox/control checks the session or its bearer token itself;
// /sandbox/authorize stands in for WeChat's own authorization page, opened by merchants, not operators.
// /api/wechat receives the platform's pushes, authenticated by msg_signature (lib/console/ingress.ts); /api/baidu
// Baidu's, by MsgSignature (lib/console/ingress-baidu.ts). /sandbox/baidu is the Baidu emulator (its API is called
// by the console's server without a session; its authorization page is opened by merchants).
const PUBLIC_PREFIXES = ["/login", "/setup", "/api/health", "/api/auth", "/api/wechat", "/api/baidu", "/sandbox/wechat", "/sandbox/baidu", "/sandbox/control", "/sandbox/authorize", "/sandbox/avatar"];

export const isPublicPath = (pathname: string) =>
  PUBLIC_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(prefix + "/"));

const CALLBACK_BASE = "http://callback.invalid";

/**
 * Only a same-site path may follow sign-in. The value is resolved first, the way a browser would resolve it (dot
 * segments, `%2e`, backslashes, tabs): `/.//evil.com` looks like a path but resolves to `//evil.com`, which a
 * browser reads as another host. Only the resolved path is returned, and only if it cannot be read that way.
 */
export function safeCallbackPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || !value.startsWith("/")) return fallback;
  let url: URL;
  try {
    url = new URL(value, CALLBACK_BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== CALLBACK_BASE) return fallback;
  const path = url.pathname;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return fallback;
  }
  // Protocol-relative once resolved, or once a later hop decodes it (`/%2f…`, `/%5c…`).
  if (/^[/\\]{2}/.test(path) || /^[/\\]{2}/.test(decoded) || path.startsWith("/login")) return fallback;
  return path + url.search;
}

/** The part of the Auth.js configuration the proxy needs: no database, no argon2. */
export const authConfig = {
  secret: env.AUTH_SECRET,
  trustHost: true,
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/login" },
  providers: [],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.id = user.id;
        token.role = user.role;
        token.sv = user.sessionVersion ?? 0;
      }
      return token;
    },
    session({ session, token }) {
      if (token.id && token.role) {
        session.user.id = token.id;
        session.user.role = token.role;
        session.user.sv = token.sv ?? 0;
      }
      return session;
    },
    authorized({ auth, request }) {
      const { pathname, search } = request.nextUrl;
      if (isPublicPath(pathname)) return true;
      if (auth?.user) return true;
      const login = new URL("/login", request.nextUrl);
      const back = safeCallbackPath(pathname + search);
      if (back !== "/") login.searchParams.set("callbackUrl", back);
      return Response.redirect(login);
    },
  },
} satisfies NextAuthConfig;
