import "server-only";
import { and, asc, count, eq, ne, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { xactLock } from "@/lib/db/locks";
import { operators, setupCodes } from "@/lib/db/schema";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/vocab";
import { ExpectedError } from "@/lib/errors";

export type OperatorRow = { id: string; email: string; name: string; role: Role; disabled: boolean; createdAt: Date };

export async function listOperators(): Promise<OperatorRow[]> {
  return db
    .select({
      id: operators.id,
      email: operators.email,
      name: operators.name,
      role: operators.role,
      disabled: operators.disabled,
      createdAt: operators.createdAt,
    })
    .from(operators)
    .orderBy(asc(operators.createdAt), asc(operators.email));
}

export async function operatorCount(): Promise<number> {
  const [row] = await db.select({ n: count() }).from(operators);
  return row?.n ?? 0;
}

export async function createOperator(input: { email: string; name: string; role: Role; password: string }) {
  try {
    const [row] = await db
      .insert(operators)
      .values({ email: input.email, name: input.name, role: input.role, passwordHash: await hashPassword(input.password) })
      .returning({ id: operators.id, email: operators.email });
    return row!;
  } catch (error) {
    if (isUniqueViolation(error)) throw new ExpectedError("operators.emailTaken", { email: "validation.emailTaken" });
    throw error;
  }
}

/** Every session token carries the version it was issued under (lib/auth/session.ts); a bump ends them all. */
const bumpedSessionVersion = sql`${operators.sessionVersion} + 1`;

/**
 * Changes another operator, ending their sessions: a new role or a disabled account must not keep a session issued
 * before. Re-enabling bumps too, so a session from before the disable never comes back. The console must always keep
 * one enabled admin, or nobody could manage it again: a change that removes an admin counts the others under the
 * same lock, so two admins demoting each other at once cannot both succeed.
 */
async function changeOperator(actorId: string, id: string, patch: { role?: Role; disabled?: boolean }) {
  if (id === actorId) throw new ExpectedError("operators.notYourself");
  const removesAnAdmin = (patch.role !== undefined && patch.role !== "admin") || patch.disabled === true;
  await db.transaction(async (tx) => {
    if (removesAnAdmin) {
      await tx.execute(xactLock("firstOperator"));
      const [others] = await tx
        .select({ n: count() })
        .from(operators)
        .where(and(eq(operators.role, "admin"), eq(operators.disabled, false), ne(operators.id, id)));
      if ((others?.n ?? 0) === 0) throw new ExpectedError("operators.lastAdmin");
    }
    const updated = await tx
      .update(operators)
      .set({ ...patch, sessionVersion: bumpedSessionVersion })
      .where(eq(operators.id, id))
      .returning({ id: operators.id });
    if (updated.length === 0) throw new ExpectedError("operators.notFound");
  });
}

export const changeRole = (actorId: string, id: string, role: Role) => changeOperator(actorId, id, { role });
export const setDisabled = (actorId: string, id: string, disabled: boolean) => changeOperator(actorId, id, { disabled });

/**
 * Ends every other session of the operator too (a password change is what someone does after a device was lost or
 * the password leaked); the caller signs the current browser in again under the new version.
 */
export async function changeOwnPassword(id: string, current: string, next: string) {
  const [row] = await db.select({ hash: operators.passwordHash }).from(operators).where(eq(operators.id, id)).limit(1);
  if (!row || !(await verifyPassword(row.hash, current))) {
    throw new ExpectedError("account.wrongPassword", { current: "validation.wrongPassword" });
  }
  await db
    .update(operators)
    .set({ passwordHash: await hashPassword(next), sessionVersion: bumpedSessionVersion })
    .where(eq(operators.id, id));
}

/** Ends every session of the operator (sign-out): tokens carrying the old session version are refused. */
export async function endSessions(id: string) {
  await db.update(operators).set({ sessionVersion: bumpedSessionVersion }).where(eq(operators.id, id));
}

/**
 * First run: creates the first admin only while no operator exists. Check and insert run under the same advisory
 * lock as the demo seed: `insert … where not exists` alone lets two concurrent requests both see an empty table.
 * The one-time setup codes (lib/console/setup.ts) die with it.
 */
export async function createFirstAdmin(input: { email: string; name: string; password: string }): Promise<boolean> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    await tx.execute(xactLock("firstOperator"));
    const existing = await tx.select({ id: operators.id }).from(operators).limit(1);
    if (existing.length > 0) return false;
    await tx.insert(operators).values({ email: input.email, name: input.name, passwordHash, role: "admin" });
    await tx.delete(setupCodes);
    return true;
  });
}
