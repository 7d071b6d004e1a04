import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { operators } from "@/lib/db/schema";
import { verifyPassword } from "@/lib/auth/password";
import { seedDemo } from "./demo-seed";

describe("demo seed", () => {
  it("seeds admin, operator and viewer into an empty database once, with a generated password", async () => {
    const first = await seedDemo(db, {});
    expect(first?.generated).toBe(true);
    expect(first!.password.length).toBeGreaterThanOrEqual(12);
    const rows = await db.select().from(operators);
    expect(rows.map((r) => `${r.role}:${r.email}`).sort()).toEqual([
      "admin:admin@example.com",
      "operator:operator@example.com",
      "viewer:viewer@example.com",
    ]);
    expect(await verifyPassword(rows[0]!.passwordHash, first!.password)).toBe(true);
    expect(await seedDemo(db, { password: "chosen-password" })).toBeNull();
    expect(await db.select().from(operators)).toHaveLength(3);
  });
});
