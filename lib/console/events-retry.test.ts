// First: the fixtures bring the local server that is this file's APP_URL (the sandbox pushes there only).
import { authorize, deliver, tenantOf, world } from "@/scripts/vitest/events";
import { describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { inboundEvents, operations, platformAccounts } from "@/lib/db/schema";
import { decryptSecret, encryptSecret } from "@/lib/crypto";
import { addFault, clearFaults } from "@/lib/sandbox/control-ops";
import { createAuthorizer, getAuthorizer } from "@/lib/sandbox/registry";
import { MAX_ATTEMPTS } from "./events";
import { inboundFailures, retryInboundEvents } from "./events-retry";

/**
 * Pushes whose processing failed: the failure is counted and scheduled (1 minute, doubling), the sweep decrypts the
 * stored envelope again and re-runs the processing, and two sweeps at once never process one event twice. The
 * failure comes from the emulated platform: an injected error on api_query_auth, the authorized push's first call.
 */

const QUERY_AUTH = "/cgi-bin/component/api_query_auth";

async function failedAuthorization() {
  const w = await world();
  const authorizer = await createAuthorizer({ componentAppid: w.platform.componentAppid, authorized: false });
  const fault = await addFault({ path: QUERY_AUTH, errcode: 48001, probability: 1 });
  await authorize(w, { mode: "existing", appid: authorizer.appid });
  await deliver();
  const [event] = await db.select().from(inboundEvents).where(and(eq(inboundEvents.accountId, w.account.id), eq(inboundEvents.kind, "authorized")));
  return { ...w, authorizer, fault, event: event! };
}

const eventRow = async (id: number) => (await db.select().from(inboundEvents).where(eq(inboundEvents.id, id)))[0]!;
const makeDue = (id: number) => db.update(inboundEvents).set({ nextAttemptAt: new Date(Date.now() - 1000) }).where(eq(inboundEvents.id, id));
const minutesAhead = (at: Date | null) => Math.round(((at?.getTime() ?? NaN) - Date.now()) / 60_000);
/** The history of one mini-program's authorization push: ok per attempt. */
const outcomes = async (appid: string) =>
  (
    await db
      .select()
      .from(operations)
      .where(and(eq(operations.action, "push.authorized"), sql`${operations.request}->>'AuthorizerAppid' = ${appid}`))
      .orderBy(operations.id)
  ).map((o) => o.ok);

describe("failed pushes are retried", () => {
  it("the sweep retries a failed authorization push with backoff and it succeeds once the cause is gone", async () => {
    const w = await failedAuthorization();
    expect(w.event).toMatchObject({ processedAt: null, attempts: 1, error: expect.stringMatching(/48001/) });
    expect(minutesAhead(w.event.nextAttemptAt)).toBe(1);
    expect(await tenantOf(w, w.authorizer.appid)).toBeUndefined();
    // Not due yet: the sweep leaves it alone.
    expect(await retryInboundEvents()).toEqual([]);

    // Due, cause still there: a second failure, twice the wait.
    await makeDue(w.event.id);
    expect(await retryInboundEvents()).toEqual([w.event.id]);
    let row = await eventRow(w.event.id);
    expect(row).toMatchObject({ processedAt: null, attempts: 2, error: expect.stringMatching(/48001/) });
    expect(minutesAhead(row.nextAttemptAt)).toBe(2);

    // The EncodingAESKey changed meanwhile: the stored envelope still opens with the previous key.
    await db
      .update(platformAccounts)
      .set({ aesKeyEnc: encryptSecret("B".repeat(43)), previousAesKeyEnc: w.account.aesKeyEnc })
      .where(eq(platformAccounts.id, w.account.id));
    await clearFaults({ id: w.fault.id });
    await makeDue(w.event.id);
    expect(await retryInboundEvents()).toEqual([w.event.id]);
    row = await eventRow(w.event.id);
    expect(row).toMatchObject({ attempts: 3, error: null, nextAttemptAt: null });
    expect(row.processedAt).toBeInstanceOf(Date);
    // The authorization code, redacted in the stored payload, came back from the envelope and was exchanged.
    const tenant = (await tenantOf(w, w.authorizer.appid))!;
    expect(tenant.status).toBe("authorized");
    expect(decryptSecret(tenant.refreshTokenEnc!)).toBe((await getAuthorizer(w.authorizer.appid))!.refreshToken);
    expect(await outcomes(w.authorizer.appid)).toEqual([false, false, true]);
    expect(await inboundFailures(w.account.id)).toMatchObject({ count: 0, lastError: null });
  });

  it("two sweeps at once process a due event once", async () => {
    const w = await failedAuthorization();
    await clearFaults({ id: w.fault.id });
    await makeDue(w.event.id);
    const [first, second] = await Promise.all([retryInboundEvents(), retryInboundEvents()]);
    expect([...first, ...second]).toEqual([w.event.id]);
    expect(await eventRow(w.event.id)).toMatchObject({ attempts: 2, error: null });
    expect(await outcomes(w.authorizer.appid)).toEqual([false, true]);
    expect(await retryInboundEvents()).toEqual([]);
  });

  it("gives up after the last attempt and keeps the failure for the accounts page", async () => {
    const w = await failedAuthorization();
    const failures = await inboundFailures(w.account.id);
    expect(failures).toMatchObject({ count: 1, lastError: expect.stringMatching(/48001/), lastFailedKind: "authorized" });
    expect(minutesAhead(failures.nextAttemptAt)).toBe(1);

    await db.update(inboundEvents).set({ attempts: MAX_ATTEMPTS - 1 }).where(eq(inboundEvents.id, w.event.id));
    await makeDue(w.event.id);
    expect(await retryInboundEvents()).toEqual([w.event.id]);
    expect(await eventRow(w.event.id)).toMatchObject({ processedAt: null, attempts: MAX_ATTEMPTS, nextAttemptAt: null });
    expect(await retryInboundEvents()).toEqual([]);
    expect(await inboundFailures(w.account.id)).toMatchObject({ count: 1, nextAttemptAt: null });
    await clearFaults({ id: w.fault.id });
  });
});
