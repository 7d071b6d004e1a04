import "server-only";
import { randomBytes } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db/client";
import { xactLock } from "@/lib/db/locks";
import { operators } from "@/lib/db/schema";

export const DEMO_OPERATORS = [
  { email: "admin@example.com", name: "Demo Admin", role: "admin" },
  { email: "operator@example.com", name: "Demo Operator", role: "operator" },
  { email: "viewer@example.com", name: "Demo Viewer", role: "viewer" },
] as const;

/**
 * Seeds the demo operators into an empty database (the launcher, with its own connection, when DEMO_SEED=1).
 * Returns the password used (generated when none is given), or null when the database already had operators and
 * nothing was written. Takes the first-operator lock, like /setup, so the two never both create "the first" ones.
 */
export async function seedDemo(db: Db, options: { password?: string }): Promise<{ password: string; generated: boolean } | null> {
  return db.transaction(async (tx) => {
    await tx.execute(xactLock("firstOperator"));
    const existing = await tx.select({ id: operators.id }).from(operators).limit(1);
    if (existing.length > 0) return null;
    const generated = !options.password;
    const password = options.password ?? randomBytes(9).toString("base64url");
    const passwordHash = await hashPassword(password);
    await tx.insert(operators).values(DEMO_OPERATORS.map((o) => ({ ...o, passwordHash })));
    return { password, generated };
  });
}
