import { beforeEach, describe, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { operators, setupCodes, signInAttempts } from "@/lib/db/schema";
import { ActionError } from "@/lib/actions/errors";
import { createFirstAdminWithCode, generateSetupCode, issueSetupCode } from "./setup";
import { expectedErrorOf } from "@/scripts/vitest/expected-error";

// Counts argon2 hashing (the real one still runs): a wrong or missing code must be refused before any.
const argon2 = vi.hoisted(() => ({ hashes: 0 }));
vi.mock("@/lib/auth/password", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/auth/password")>();
  return { ...real, hashPassword: (password: string) => (argon2.hashes++, real.hashPassword(password)) };
});

const admin = { email: "first@example.com", name: "First", password: "first-admin-password" };
const production = (ip: string | null = "203.0.113.50", setupToken?: string) => ({ requireCode: true, ip, setupToken });

const operatorEmails = async () => (await db.select({ email: operators.email }).from(operators)).map((r) => r.email);
const failures = async (key: string) =>
  (await db.select().from(signInAttempts).where(sql`${signInAttempts.key} = ${key}`))[0]?.failures;

beforeEach(async () => {
  await db.delete(operators);
  await db.delete(setupCodes);
  await db.delete(signInAttempts);
  argon2.hashes = 0;
});

describe("first-run setup in production", () => {
  it("refuses without a code, next to the field, before hashing anything", async () => {
    await issueSetupCode(db);
    const error = await expectedErrorOf(createFirstAdminWithCode(admin, production()));
    expect(error).toBeInstanceOf(ActionError);
    expect(error.messageKey).toBe("setup.codeNeeded");
    expect(error.fieldErrors).toEqual({ code: "validation.required" });
    expect(await operatorEmails()).toEqual([]);
    expect(argon2.hashes).toBe(0);
  });

  it("refuses a wrong code and counts it, per address and globally", async () => {
    await issueSetupCode(db);
    const error = await expectedErrorOf(createFirstAdminWithCode({ ...admin, code: "AAAA-BBBB-CCCC-DDDD" }, production("203.0.113.51")));
    expect(error.messageKey).toBe("setup.wrongCode");
    expect(error.fieldErrors).toEqual({ code: "validation.setupCode" });
    expect(await operatorEmails()).toEqual([]);
    expect(argon2.hashes).toBe(0);
    expect(await failures("setup:203.0.113.51")).toBe(1);
    expect(await failures("setup")).toBe(1);
  });

  it("creates the admin with the printed code, typed loosely, and deletes every code", async () => {
    const code = (await issueSetupCode(db))!;
    expect(code).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
    await issueSetupCode(db); // a second instance started too: its own code
    expect(await db.select().from(setupCodes)).toHaveLength(2);
    const typed = ` ${code.toLowerCase().replaceAll("-", " ")} `;
    expect(await createFirstAdminWithCode({ ...admin, code: typed }, production("203.0.113.52"))).toBe(true);
    const [row] = await db.select().from(operators);
    expect(row).toMatchObject({ email: admin.email, role: "admin" });
    expect(await db.select().from(setupCodes)).toEqual([]);
    expect(await failures("setup:203.0.113.52")).toBeUndefined();
    expect(await issueSetupCode(db)).toBeNull();
  });

  it("accepts SETUP_TOKEN from the environment, and deletes printed codes too", async () => {
    await issueSetupCode(db);
    const token = "a-long-setup-token-from-env";
    expect((await expectedErrorOf(createFirstAdminWithCode({ ...admin, code: "a-long-setup-token-from-en" }, production(null, token)))).messageKey).toBe(
      "setup.wrongCode",
    );
    expect(await createFirstAdminWithCode({ ...admin, code: token }, production(null, token))).toBe(true);
    expect(await operatorEmails()).toEqual([admin.email]);
    expect(await db.select().from(setupCodes)).toEqual([]);
  });

  it("refuses an expired code", async () => {
    const code = (await issueSetupCode(db))!;
    await db.update(setupCodes).set({ expiresAt: new Date(Date.now() - 1000) });
    expect((await expectedErrorOf(createFirstAdminWithCode({ ...admin, code }, production()))).messageKey).toBe("setup.wrongCode");
    expect(await operatorEmails()).toEqual([]);
  });

  it("locks an address out after five wrong codes, even if the sixth is right", async () => {
    const code = (await issueSetupCode(db))!;
    const ip = "203.0.113.53";
    for (let i = 0; i < 4; i++) {
      expect((await expectedErrorOf(createFirstAdminWithCode({ ...admin, code: generateSetupCode() }, production(ip)))).messageKey).toBe("setup.wrongCode");
    }
    const fifth = await expectedErrorOf(createFirstAdminWithCode({ ...admin, code: generateSetupCode() }, production(ip)));
    expect(fifth.messageKey).toBe("setup.locked");
    expect(fifth.values).toEqual({ seconds: 30 });
    expect((await expectedErrorOf(createFirstAdminWithCode({ ...admin, code }, production(ip)))).messageKey).toBe("setup.locked");
    expect(await operatorEmails()).toEqual([]);
    expect(argon2.hashes).toBe(0);
    // Another address is not locked by this one (the global limit is higher).
    expect(await createFirstAdminWithCode({ ...admin, code }, production("203.0.113.54"))).toBe(true);
  });

  it("is closed once an operator exists, whatever the code", async () => {
    const code = (await issueSetupCode(db))!;
    expect(await createFirstAdminWithCode({ ...admin, code }, production())).toBe(true);
    expect(await createFirstAdminWithCode({ ...admin, email: "second@example.com", code }, production())).toBe(false);
    expect(await operatorEmails()).toEqual([admin.email]);
  });
});

describe("first-run setup in development", () => {
  it("needs no code", async () => {
    expect(await createFirstAdminWithCode(admin, { requireCode: false, ip: "127.0.0.1" })).toBe(true);
    expect(await operatorEmails()).toEqual([admin.email]);
    expect(argon2.hashes).toBe(1);
  });
});
