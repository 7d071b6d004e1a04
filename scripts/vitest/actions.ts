/**
 * Server actions in vitest (never imported by the app). An action reads the operator from the session cookie and
 * translates with next-intl's request config, neither of which exists outside a Next request; a test file swaps
 * both modules for these stand-ins, then signs in and picks the language:
 *
 *   vi.mock("@/lib/auth/session", async () => (await import("@/scripts/vitest/actions")).sessionModule);
 *   vi.mock("next-intl/server", async () => (await import("@/scripts/vitest/actions")).intlServerModule);
 *   await signInAs("operator"); inLocale("zh-CN");
 *
 * The operator is a real row (the history's actor references it); the messages are the real catalogs.
 */
import { randomUUID } from "node:crypto";
import { createTranslator } from "next-intl";
import type { SessionUser } from "../../lib/auth/session";
import { db } from "../../lib/db/client";
import { operators } from "../../lib/db/schema";
import { CATALOGS } from "../../lib/i18n/catalogs";
import type { Locale, Role } from "../../lib/vocab";

const current: { user: SessionUser | null; locale: Locale } = { user: null, locale: "en" };
const catalogs = CATALOGS;

/** A new operator of that role, now the signed-in one (null: signed out). */
export async function signInAs(role: Role | null): Promise<SessionUser | null> {
  if (role === null) return (current.user = null);
  const email = `${role}-${randomUUID().slice(0, 8)}@example.com`;
  const [row] = await db.insert(operators).values({ email, name: `Test ${role}`, passwordHash: "not-a-hash", role }).returning();
  return (current.user = { id: row!.id, email, name: row!.name, role });
}

export function inLocale(locale: Locale) {
  current.locale = locale;
}

/** The translated text of a catalog key, in the current language (what the action's result should say). */
export function translate(key: string, values?: Record<string, string | number>): string {
  return createTranslator({ locale: current.locale, messages: catalogs[current.locale] })(key as never, values as never);
}

export const sessionModule = {
  getCurrentUser: async () => current.user,
  requireUser: async () => {
    if (!current.user) throw new Error("signed out");
    return current.user;
  },
};

export const intlServerModule = {
  getLocale: async () => current.locale,
  getTranslations: async (namespace?: string) =>
    createTranslator({ locale: current.locale, messages: catalogs[current.locale], namespace: namespace as never }),
};
