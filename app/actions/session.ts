"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { signOut } from "@/lib/auth";
import { endSessions } from "@/lib/console/operators";
import { defineAction } from "@/lib/actions";
import { LOCALES, LOCALE_COOKIE } from "@/lib/vocab";

/** Anyone, signed in or not, may choose the interface language; it is remembered for a year. */
export const setLocaleAction = defineAction(
  { role: "public", schema: z.object({ locale: z.enum(LOCALES, "validation.invalid") }) },
  async ({ locale }) => {
    (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax" });
    return locale;
  },
);

export const signOutAction = defineAction({ role: "public", schema: z.object({}) }, async (_input, { user }) => {
  // Revoke on the server first: the token stays dead even if its cookie is set again by a request in flight.
  if (user) await endSessions(user.id);
  await signOut({ redirectTo: "/login" });
  return null;
});
