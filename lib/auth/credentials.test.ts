import { beforeEach, describe, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { operators } from "@/lib/db/schema";
import { hashPassword } from "./password";
import { checkCredentials, clientIp } from "./credentials";

// Counts argon2 verifications (real ones still run): the guard's promise is about how many guesses get that far.
const argon2 = vi.hoisted(() => ({ verifications: 0 }));
vi.mock("./password", async (importOriginal) => {
  const real = await importOriginal<typeof import("./password")>();
  return {
    ...real,
    verifyPassword: (hash: string, password: string) => (argon2.verifications++, real.verifyPassword(hash, password)),
    burnPasswordCheck: (password: string) => (argon2.verifications++, real.burnPasswordCheck(password)),
  };
});

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
const randomIp = () => `198.18.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

async function operator(password: string, disabled = false) {
  const email = `cred-${unique()}@example.com`;
  await db.insert(operators).values({ email, name: "Cred", role: "viewer", passwordHash: await hashPassword(password), disabled });
  return email;
}

async function failures(key: string): Promise<number | undefined> {
  const [row] = (await db.execute(sql`select failures from sign_in_attempts where key = ${key}`)) as unknown as { failures: number }[];
  return row?.failures;
}

beforeEach(() => {
  argon2.verifications = 0;
});

describe("credentials check (Auth.js authorize)", () => {
  it("verifies at most five of twenty parallel wrong passwords, then refuses the right one while locked", async () => {
    const email = await operator("right-password-1");
    const ip = randomIp();
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => checkCredentials(email, `wrong-${i}`, ip)));
    expect(argon2.verifications).toBe(5);
    expect(outcomes.filter((o) => !o.ok && o.reason === "invalid")).toHaveLength(4);
    expect(outcomes.filter((o) => !o.ok && o.reason === "locked")).toHaveLength(16);
    expect(await failures(`email:${email}`)).toBe(5);

    const right = await checkCredentials(email, "right-password-1", ip);
    expect(right).toMatchObject({ ok: false, reason: "locked" });
    expect(argon2.verifications).toBe(5);
  });

  it("signs in with the right password, forgetting the account's failures and keeping the address's", async () => {
    const email = await operator("right-password-2");
    const ip = randomIp();
    expect(await checkCredentials(email, "wrong", ip)).toEqual({ ok: false, reason: "invalid" });
    const outcome = await checkCredentials(email, "right-password-2", ip);
    expect(outcome).toMatchObject({ ok: true, user: { email, role: "viewer", sessionVersion: 0 } });
    expect(await failures(`email:${email}`)).toBeUndefined();
    expect(await failures(`ip:${ip}`)).toBe(1);
  });

  it("tells a disabled account apart only with the right password, without counting it as a guess", async () => {
    const email = await operator("right-password-3", true);
    const ip = randomIp();
    expect(await checkCredentials(email, "wrong", ip)).toEqual({ ok: false, reason: "invalid" });
    expect(await checkCredentials(email, "right-password-3", ip)).toEqual({ ok: false, reason: "disabled" });
    expect(await failures(`ip:${ip}`)).toBe(1);
  });

  it("locks an address after thirty failures across accounts, whatever email comes next", async () => {
    const ip = randomIp();
    await db.execute(sql`insert into sign_in_attempts (key, failures, last_failure_at) values (${`ip:${ip}`}, 29, now())`);
    expect(await checkCredentials(`spray-${unique()}@example.com`, "guess", ip)).toMatchObject({ ok: false, reason: "locked", seconds: 30 });
    const before = argon2.verifications;
    expect(await checkCredentials(`spray-${unique()}@example.com`, "guess", ip)).toMatchObject({ ok: false, reason: "locked" });
    expect(argon2.verifications).toBe(before);
  });

  it("reads the client address only from the header the console's server sets", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6", "x-real-ip": "7.7.7.7" }))).toBeNull();
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6", "x-mpc-client-ip": "203.0.113.5" }))).toBe("203.0.113.5");
  });
});
