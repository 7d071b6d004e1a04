import "server-only";
import { cache } from "react";
import { eq } from "drizzle-orm";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getToken } from "next-auth/jwt";
import { db } from "@/lib/db/client";
import { operators } from "@/lib/db/schema";
import { env } from "@/lib/env";
import type { Role } from "@/lib/vocab";
import { hasRole } from "./roles";
import { PATH_HEADER, safeCallbackPath } from "./config";

export type SessionUser = { id: string; email: string; name: string; role: Role };

/**
 * The session token as the cookie jar holds it now. Not Auth.js' `auth()`: it reads the request's Cookie header,
 * blind to a cookie set earlier in the same request. When a password change signs this browser in again under a new
 * session version (app/(console)/account/actions.ts), the page Next re-renders into that action's response would
 * still see the retired token and bounce to /login; `cookies()` includes what the action set.
 */
async function sessionToken() {
  const [jar, requestHeaders] = await Promise.all([cookies(), headers()]);
  // Auth.js names the cookie `__Secure-…` when the request's protocol is https (missing header: https, as Auth.js).
  const protocol = (requestHeaders.get("x-forwarded-proto") ?? "https").replace(/:$/, "");
  const cookie = jar
    .getAll()
    .map(({ name, value }) => `${name}=${value}`)
    .join("; ");
  return getToken({ req: { headers: new Headers({ cookie }) }, secret: env.AUTH_SECRET, secureCookie: protocol === "https" });
}

/**
 * The signed-in operator, re-read from the database once per request: a role change or a disabled account
 * takes effect at the next request, not when the 12-hour session token expires.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const token = await sessionToken();
  const id = token?.id;
  if (!id) return null;
  const [row] = await db
    .select({
      id: operators.id,
      email: operators.email,
      name: operators.name,
      role: operators.role,
      disabled: operators.disabled,
      sessionVersion: operators.sessionVersion,
    })
    .from(operators)
    .where(eq(operators.id, id))
    .limit(1);
  // A signed-out session token is refused even when its cookie comes back (see operators.sessionVersion).
  if (!row || row.disabled || row.sessionVersion !== (token.sv ?? 0)) return null;
  return { id: row.id, email: row.email, name: row.name, role: row.role };
});

/** For pages and layouts: signed out → /login (back to this page after); too low a role → the 403 page. */
export async function requireUser(role: Role = "viewer"): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) {
    // The proxy passes the requested path along (proxy.ts), since a layout cannot see it otherwise.
    const back = safeCallbackPath((await headers()).get(PATH_HEADER));
    redirect(back === "/" ? "/login" : `/login?callbackUrl=${encodeURIComponent(back)}`);
  }
  if (!hasRole(user!.role, role)) redirect("/forbidden");
  return user!;
}
