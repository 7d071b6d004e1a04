import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { inboundEvents, platformAccounts } from "@/lib/db/schema";
import { encryptSecret } from "@/lib/crypto";
import { accountCards } from "./account-cards";
import { listAccounts } from "./accounts";
import { MAX_ATTEMPTS } from "./events";

/** What Settings → Platform accounts renders: the sandbox mark and the pushes that failed to process, per account. */

async function account(name: string, apiBase: string | null) {
  const [row] = await db
    .insert(platformAccounts)
    .values({ platform: "wechat", name, appId: `wx${Math.random().toString(16).slice(2, 18).padEnd(16, "0")}`, secretEnc: encryptSecret("s"), apiBase })
    .returning();
  return row!;
}

let nonce = 0;
const event = (accountId: string, values: Partial<typeof inboundEvents.$inferInsert>) =>
  db.insert(inboundEvents).values({ accountId, kind: "authorized", msgSignature: "0".repeat(40), nonce: String(++nonce), timestamp: 1, rawBody: "<xml/>", payload: {}, ...values });

describe("the accounts page data", () => {
  it("marks accounts pointing at the sandbox, on the page and in every account list", async () => {
    // The official host named explicitly: in tests the default base (WECHAT_API_BASE) is a sandbox.
    const real = await account("Real platform", "https://api.weixin.qq.com");
    const sandbox = await account("Rehearsal", "http://localhost:3000/sandbox/wechat");
    const cards = await accountCards();
    expect(cards.find((c) => c.id === real.id)).toMatchObject({ sandbox: false, failedPushes: null });
    expect(cards.find((c) => c.id === sandbox.id)).toMatchObject({ sandbox: true, failedPushes: null });
    const listed = await listAccounts();
    expect(listed.find((a) => a.id === sandbox.id)!.sandbox).toBe(true);
    expect(listed.find((a) => a.id === real.id)!.sandbox).toBe(false);
  });

  it("counts the failed, unprocessed pushes of each account with the newest error and the next retry", async () => {
    const a = await account("With failures", null);
    const b = await account("Quiet", null);
    const soon = new Date(Date.now() + 4 * 60_000);
    await event(a.id, { error: "61010 expired", attempts: 3, nextAttemptAt: new Date(Date.now() + 30 * 60_000) });
    await event(a.id, { error: "48001 not allowed", attempts: 2, nextAttemptAt: soon });
    await event(a.id, { error: "given up", attempts: MAX_ATTEMPTS, nextAttemptAt: null });
    // Not failures: processed after a failure, and awaiting its first attempt.
    await event(a.id, { error: null, attempts: 2, processedAt: new Date() });
    await event(a.id, { error: null, attempts: 0, nextAttemptAt: soon });
    await event(b.id, { error: null, attempts: 1, processedAt: new Date() });

    const cards = await accountCards();
    expect(cards.find((c) => c.id === a.id)!.failedPushes).toEqual({ count: 3, lastError: "given up", nextAttemptAt: soon.toISOString(), maxAttempts: MAX_ATTEMPTS });
    expect(cards.find((c) => c.id === b.id)!.failedPushes).toBeNull();

    // Once every failure has run out of retries there is no next one.
    await db.delete(inboundEvents);
    await event(a.id, { error: "given up", attempts: MAX_ATTEMPTS, nextAttemptAt: null });
    expect((await accountCards()).find((c) => c.id === a.id)!.failedPushes).toMatchObject({ count: 1, lastError: "given up", nextAttemptAt: null });
  });
});
