import "server-only";
import { and, asc, count, eq, ne, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { operators } from "@/lib/db/schema";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/vocab";
import { ActionError } from "@/lib/actions/errors";

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

/** Postgres unique_violation; drizzle wraps the driver's error in `cause`. */
const isUniqueViolation = (error: unknown): boolean =>
  typeof error === "object" &&
  error !== null &&
  ((error as { code?: string }).code === "23505" || isUniqueViolation((error as { cause?: unknown }).cause));

export async function createOperator(input: { email: string; name: string; role: Role; password: string }) {
  try {
    const [row] = await db
      .insert(operators)
      .values({ email: input.email, name: input.name, role: input.role, passwordHash: await hashPassword(input.password) })
      .returning({ id: operators.id, email: operators.email });
    return row!;
  } catch (error) {
    if (isUniqueViolation(error)) throw new ActionError("operators.emailTaken", { email: "validation.emailTaken" });
    throw error;
  }
}

/** The console must always keep one enabled admin, or nobody could manage it again. */
async function otherActiveAdmins(exceptId: string) {
  const [row] = await db
    .select({ n: count() })
    .from(operators)
    .where(and(eq(operators.role, "admin"), eq(operators.disabled, false), ne(operators.id, exceptId)));
  return row?.n ?? 0;
}

export async function changeRole(actorId: string, id: string, role: Role) {
  if (id === actorId) throw new ActionError("operators.notYourself");
  if (role !== "admin" && (await otherActiveAdmins(id)) === 0) throw new ActionError("operators.lastAdmin");
  const updated = await db.update(operators).set({ role }).where(eq(operators.id, id)).returning({ id: operators.id });
  if (updated.length === 0) throw new ActionError("operators.notFound");
}

export async function setDisabled(actorId: string, id: string, disabled: boolean) {
  if (id === actorId) throw new ActionError("operators.notYourself");
  if (disabled && (await otherActiveAdmins(id)) === 0) throw new ActionError("operators.lastAdmin");
  const updated = await db.update(operators).set({ disabled }).where(eq(operators.id, id)).returning({ id: operators.id });
  if (updated.length === 0) throw new ActionError("operators.notFound");
}

export async function changeOwnPassword(id: string, current: string, next: string) {
  const [row] = await db.select({ hash: operators.passwordHash }).from(operators).where(eq(operators.id, id)).limit(1);
  if (!row || !(await verifyPassword(row.hash, current))) {
    throw new ActionError("account.wrongPassword", { current: "validation.wrongPassword" });
  }
  await db.update(operators).set({ passwordHash: await hashPassword(next) }).where(eq(operators.id, id));
}

/** Ends every session of the operator (sign-out): tokens carrying the old session version are refused. */
export async function endSessions(id: string) {
  await db.update(operators).set({ sessionVersion: sql`${operators.sessionVersion} + 1` }).where(eq(operators.id, id));
}

/**
 * First run: creates the first admin only while no operator exists. The insert and the emptiness check are one
 * statement, so two people racing through /setup cannot both become admin.
 */
export async function createFirstAdmin(input: { email: string; name: string; password: string }): Promise<boolean> {
  const passwordHash = await hashPassword(input.password);
  const rows = await db.execute(sql`
    insert into operators (email, name, password_hash, role)
    select ${input.email}, ${input.name}, ${passwordHash}, 'admin'
    where not exists (select 1 from operators)
    returning id`);
  return rows.length === 1;
}
