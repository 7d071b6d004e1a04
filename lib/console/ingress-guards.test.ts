import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { inboundEvents, operations, platformAccounts } from "@/lib/db/schema";
import { decryptSecret } from "@/lib/crypto";
import { receivePush } from "./ingress";
import { account, alnum, authPath, expectRefused, messagePath, messagePush, nowSeconds, post, run, settle, tenantOf, ticketPush } from "@/scripts/vitest/ingress";

/**
 * What the receiver guards beyond the signature: the message URL's mini-program must be the one the signed message
 * names (ToUserName = the tenant's gh_ original id), a late ticket never replaces a newer one, and the refusals
 * before the signature is verified say nothing about which component appids exist.
 */

const eventsOf = (accountId: string) => db.select().from(inboundEvents).where(eq(inboundEvents.accountId, accountId));

describe("the message URL's mini-program", () => {
  it("accepts a message whose ToUserName is that tenant's original id, and processes it", async () => {
    const a = await account();
    const tenant = await tenantOf(a.id);
    const push = messagePush(a, { ToUserName: tenant.userName! });
    const res = await receivePush(post(messagePath(a, tenant.appid), push.query, push.body), { componentAppid: a.appId, authorizerAppid: tenant.appid }, run);
    expect(await res.text()).toBe("success");
    await settle();
    const [event] = await eventsOf(a.id);
    expect(event).toMatchObject({ kind: "wxa_nickname_audit", authorizerAppid: tenant.appid, error: null, attempts: 1, nextAttemptAt: null });
    expect(event!.processedAt).toBeInstanceOf(Date);
  });

  it("refuses a message without ToUserName, storing nothing", async () => {
    const a = await account();
    const tenant = await tenantOf(a.id);
    const push = messagePush(a, {});
    const target = { componentAppid: a.appId, authorizerAppid: tenant.appid };
    await expectRefused(a.id, post(messagePath(a, tenant.appid), push.query, push.body), target, /ToUserName/);
    expect(await eventsOf(a.id)).toHaveLength(0);
  });

  it("refuses a message naming another tenant's original id", async () => {
    const a = await account();
    const [mine, other] = [await tenantOf(a.id), await tenantOf(a.id)];
    const push = messagePush(a, { ToUserName: other.userName! });
    const target = { componentAppid: a.appId, authorizerAppid: mine.appid };
    await expectRefused(a.id, post(messagePath(a, mine.appid), push.query, push.body), target, /ToUserName is not this mini-program's original id/);
    // Another account's tenant with the same appid does not count either.
    const b = await account();
    await tenantOf(b.id, mine.appid, "gh_elsewhere");
    const elsewhere = messagePush(a, { ToUserName: "gh_elsewhere" });
    await expectRefused(a.id, post(messagePath(a, mine.appid), elsewhere.query, elsewhere.body), target, /original id/);
    expect(await eventsOf(a.id)).toHaveLength(0);
  });

  it("refuses a message to a mini-program that is not a tenant of the account, or whose original id is unknown", async () => {
    const a = await account();
    const unknown = messagePush(a, { ToUserName: "gh_000000000000" });
    await expectRefused(a.id, post(messagePath(a, "wx0000000000000009"), unknown.query, unknown.body), { componentAppid: a.appId, authorizerAppid: "wx0000000000000009" }, /no such mini-program/);
    const blank = await tenantOf(a.id, undefined, null);
    const push = messagePush(a, { ToUserName: "gh_000000000000" });
    await expectRefused(a.id, post(messagePath(a, blank.appid), push.query, push.body), { componentAppid: a.appId, authorizerAppid: blank.appid }, /original id/);
    expect(await eventsOf(a.id)).toHaveLength(0);
  });
});

describe("verify ticket order", () => {
  const stored = async (accountId: string) => (await db.select().from(platformAccounts).where(eq(platformAccounts.id, accountId)))[0]!;
  const deliver = async (a: Awaited<ReturnType<typeof account>>, push: ReturnType<typeof ticketPush>) => {
    expect(await (await receivePush(post(authPath(a), push.query, push.body), { componentAppid: a.appId }, run)).text()).toBe("success");
    await settle();
  };

  it("keeps the stored ticket when an older one (by CreateTime) arrives late, and takes a newer one", async () => {
    const a = await account();
    const now = nowSeconds();
    const current = ticketPush(a, undefined, now);
    await deliver(a, current);
    const first = await stored(a.id);
    expect(decryptSecret(first.verifyTicketEnc!)).toBe(current.ticket);
    expect(first.verifyTicketCreatedAt).toEqual(new Date(now * 1000));

    // A retry of a push from ten minutes ago: accepted (the platform stops retrying) but not stored.
    const late = ticketPush(a, undefined, now - 600);
    await deliver(a, late);
    const after = await stored(a.id);
    expect(decryptSecret(after.verifyTicketEnc!)).toBe(current.ticket);
    expect(after.verifyTicketAt).toEqual(first.verifyTicketAt);
    expect(after.verifyTicketCreatedAt).toEqual(new Date(now * 1000));
    const [history] = await db.select().from(operations).where(eq(operations.action, "push.component_verify_ticket")).orderBy(operations.id).offset(1);
    expect(history).toMatchObject({ ok: true, response: { stored: false } });
    const [event] = await db.select().from(inboundEvents).where(and(eq(inboundEvents.accountId, a.id), eq(inboundEvents.nonce, new URLSearchParams(late.query).get("nonce")!)));
    expect(event!.processedAt).toBeInstanceOf(Date);

    // The same second replaces (two pushes can share one), a later one too.
    for (const createTime of [now, now + 600]) {
      const next = ticketPush(a, undefined, createTime);
      await deliver(a, next);
      const row = await stored(a.id);
      expect(decryptSecret(row.verifyTicketEnc!)).toBe(next.ticket);
      expect(row.verifyTicketCreatedAt).toEqual(new Date(createTime * 1000));
    }
  });
});

describe("refusals before the signature is verified", () => {
  it("an unknown component appid, an account without push keys and a bad signature get byte-identical answers", async () => {
    const a = await account();
    const push = ticketPush(a);
    const forged = ticketPush({ ...a, token: alnum(24) });
    const answer = async (req: Request, componentAppid: string) => {
      const res = await receivePush(req, { componentAppid }, run);
      return { status: res.status, headers: Object.fromEntries(res.headers.entries()), body: Buffer.from(await res.arrayBuffer()).toString("hex") };
    };
    const badSignature = await answer(post(authPath(a), forged.query, forged.body), a.appId);
    const unknownAppid = await answer(post("/api/wechat/wx9999999999999999/auth-events", push.query, push.body), "wx9999999999999999");
    expect(badSignature.status).toBe(400);
    expect(unknownAppid).toEqual(badSignature);
    // A malformed body is refused for what it is, whichever appid it names: that reveals nothing either.
    const garbage = async (componentAppid: string) => (await receivePush(post(`/api/wechat/${componentAppid}/auth-events`, push.query, "<xml><Nope/></xml>"), { componentAppid }, run)).text();
    expect(await garbage("wx9999999999999999")).toBe(await garbage(a.appId));
    await settle();
    expect(await eventsOf(a.id)).toHaveLength(0);
  });
});
