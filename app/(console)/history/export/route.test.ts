import { beforeAll, describe, expect, it, vi } from "vitest";
import { inLocale, signInAs } from "@/scripts/vitest/actions";
import { db } from "@/lib/db/client";
import { operations } from "@/lib/db/schema";
import { GET } from "./route";

vi.mock("@/lib/auth/session", async () => (await import("@/scripts/vitest/actions")).sessionModule);
vi.mock("next-intl/server", async () => (await import("@/scripts/vitest/actions")).intlServerModule);

beforeAll(async () => {
  inLocale("en");
  await db.insert(operations).values([
    { at: new Date("2026-11-01T10:00:00Z"), action: "wxa.release", ok: true },
    { at: new Date("2026-11-01T11:00:00Z"), action: "wxa.commit", ok: false, errcode: 85009 },
    { at: new Date("2026-11-01T12:00:00Z"), action: "wxa.release", ok: false, errcode: 85082 },
  ]);
});

const get = (query: string) => GET(new Request(`http://console.test/history/export${query}`));

describe("GET /history/export", () => {
  it("gives a viewer the current filter's rows as a CSV download", async () => {
    await signInAs("viewer");
    const res = await get("?action=wxa.release&result=failed");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="history-.+\.csv"$/);
    const lines = (await res.text()).trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^\d+,2026-11-01T12:00:00\.000000Z,,,,wxa\.release,failed,85082,0,$/);
  });

  it("refuses someone signed out", async () => {
    await signInAs(null);
    const res = await get("");
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain("wxa.");
  });
});
