import { describe, expect, it } from "vitest";

describe("GET /api/health", () => {
  it("answers 200 with db up when the database answers", async () => {
    const { GET } = await import("./route");
    const res = await GET();
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ ok: true, db: "up" });
    expect(typeof body.latencyMs).toBe("number");
  });
});
