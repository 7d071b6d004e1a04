import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { operators } from "@/lib/db/schema";
import { ActionError } from "@/lib/actions/errors";
import { verifyPassword } from "@/lib/auth/password";
import { changeOwnPassword, changeRole, createFirstAdmin, createOperator, listOperators, setDisabled } from "./operators";
import { expectedErrorOf } from "@/scripts/vitest/expected-error";

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;

describe("operators", () => {
  it("creates the first admin exactly once, even when two requests race", async () => {
    const results = await Promise.all([
      createFirstAdmin({ email: "first-a@example.com", name: "A", password: "password-aaaa" }),
      createFirstAdmin({ email: "first-b@example.com", name: "B", password: "password-bbbb" }),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const rows = await listOperators();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.role).toBe("admin");
    expect(await createFirstAdmin({ email: "late@example.com", name: "L", password: "password-llll" })).toBe(false);
  });

  it("stores an argon2 hash, never the password, and refuses a duplicate email", async () => {
    const email = `dup-${unique()}@example.com`;
    const created = await createOperator({ email, name: "Dup", role: "operator", password: "secret-password" });
    const [row] = await db.select().from(operators).where(eq(operators.id, created.id));
    expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row!.passwordHash).not.toContain("secret-password");
    const error = await expectedErrorOf(createOperator({ email, name: "Again", role: "viewer", password: "another-password" }));
    expect(error).toBeInstanceOf(ActionError);
    expect(error.messageKey).toBe("operators.emailTaken");
    expect(error.fieldErrors).toEqual({ email: "validation.emailTaken" });
  });

  it("never leaves the console without an active admin", async () => {
    const [admin] = await db.select().from(operators).where(eq(operators.role, "admin"));
    const other = await createOperator({ email: `op-${unique()}@example.com`, name: "Op", role: "operator", password: "password-1234" });
    // The only admin cannot be demoted or disabled (by someone else).
    expect((await expectedErrorOf(changeRole(other.id, admin!.id, "viewer"))).messageKey).toBe("operators.lastAdmin");
    expect((await expectedErrorOf(setDisabled(other.id, admin!.id, true))).messageKey).toBe("operators.lastAdmin");
    // Nobody changes themselves.
    expect((await expectedErrorOf(changeRole(admin!.id, admin!.id, "viewer"))).messageKey).toBe("operators.notYourself");
    // With a second admin, the first may be demoted.
    await changeRole(admin!.id, other.id, "admin");
    await changeRole(other.id, admin!.id, "operator");
    const [after] = await db.select().from(operators).where(eq(operators.id, admin!.id));
    expect(after!.role).toBe("operator");
  });

  it("changes a password only with the right current one", async () => {
    const op = await createOperator({ email: `pw-${unique()}@example.com`, name: "Pw", role: "viewer", password: "first-password" });
    const error = await expectedErrorOf(changeOwnPassword(op.id, "wrong-password", "second-password"));
    expect(error.messageKey).toBe("account.wrongPassword");
    let [row] = await db.select().from(operators).where(eq(operators.id, op.id));
    expect(await verifyPassword(row!.passwordHash, "first-password")).toBe(true);
    await changeOwnPassword(op.id, "first-password", "second-password");
    [row] = await db.select().from(operators).where(eq(operators.id, op.id));
    expect(await verifyPassword(row!.passwordHash, "second-password")).toBe(true);
    expect(await verifyPassword(row!.passwordHash, "first-password")).toBe(false);
  });

  it("ends an operator's sessions when an admin changes the role or disables; re-enabling brings none back", async () => {
    const [admin] = await db.select().from(operators).where(eq(operators.role, "admin"));
    const op = await createOperator({ email: `sv-${unique()}@example.com`, name: "Sv", role: "viewer", password: "password-1234" });
    const version = async () => (await db.select().from(operators).where(eq(operators.id, op.id)))[0]!.sessionVersion;
    const issued = await version();
    await changeRole(admin!.id, op.id, "operator");
    const afterRole = await version();
    expect(afterRole).toBeGreaterThan(issued);
    await setDisabled(admin!.id, op.id, true);
    const afterDisable = await version();
    expect(afterDisable).toBeGreaterThan(afterRole);
    await setDisabled(admin!.id, op.id, false);
    const afterEnable = await version();
    expect(afterEnable).toBeGreaterThanOrEqual(afterDisable);
    expect([issued, afterRole, afterDisable]).not.toContain(afterEnable);
  });

  it("ends every session of the operator who changes their own password, and only then", async () => {
    const op = await createOperator({ email: `own-${unique()}@example.com`, name: "Own", role: "viewer", password: "first-password" });
    const version = async () => (await db.select().from(operators).where(eq(operators.id, op.id)))[0]!.sessionVersion;
    const issued = await version();
    await expectedErrorOf(changeOwnPassword(op.id, "wrong-password", "second-password"));
    expect(await version()).toBe(issued);
    await changeOwnPassword(op.id, "first-password", "second-password");
    expect(await version()).toBe(issued + 1);
  });
});
