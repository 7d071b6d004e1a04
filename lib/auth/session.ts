import "server-only";
import { cache } from "react";
import { eq } from "drizzle-orm";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { db } from "@/lib/db/client";
import { operators } from "@/lib/db/schema";
import type { Role } from "@/lib/vocab";
import { auth } from "./index";
import { hasRole } from "./roles";
import { PATH_HEADER, safeCallbackPath } from "./config";

export type SessionUser = { id: string; email: string; name: string; role: Role };

/**
 * The signed-in operator, re-read from the database once per request: a role change or a disabled account
 * takes effect at the next request, not when the 12-hour session token expires.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
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
  if (!row || row.disabled || row.sessionVersion !== (session?.user?.sv ?? 0)) return null;
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
