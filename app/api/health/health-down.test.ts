import { describe, expect, it, vi } from "vitest";

// Point this file's database at a port where nothing listens, before lib/env.ts is first imported.
vi.stubEnv("DATABASE_URL", "postgres://nobody@localhost:1/nothing");

describe("GET /api/health without a database", () => {
  it("answers 503 with db down", async () => {
    const { GET } = await import("./route");
    const res = await GET();
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ ok: false, db: "down" });
  });
});
