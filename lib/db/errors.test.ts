import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { operators } from "@/lib/db/schema";
import { isUniqueViolation } from "./errors";

describe("isUniqueViolation", () => {
  it("recognises Postgres's unique_violation as drizzle throws it (the driver's error in cause)", async () => {
    const row = { email: "twice@example.com", name: "Twice", role: "viewer" as const, passwordHash: "x" };
    await db.insert(operators).values(row);
    const error = await db.insert(operators).values(row).then(() => null, (e: unknown) => e);
    expect(error).not.toBeNull();
    expect(isUniqueViolation(error)).toBe(true);
  });

  it("says no to other database errors and to anything that is not an error", async () => {
    const notNull = await db.insert(operators).values({ email: "a@example.com", name: null as unknown as string, role: "viewer", passwordHash: "x" }).then(() => null, (e: unknown) => e);
    expect(notNull).not.toBeNull();
    expect(isUniqueViolation(notNull)).toBe(false);
    expect(isUniqueViolation({ code: "23503", cause: { code: "23502" } })).toBe(false);
    expect(isUniqueViolation({ cause: { cause: { code: "23505" } } })).toBe(true);
    for (const value of [null, undefined, "23505", 23505]) expect(isUniqueViolation(value)).toBe(false);
  });
});
