import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { operations, platformAccounts } from "@/lib/db/schema";
import { sandboxHarness } from "@/scripts/vitest/sandbox";
import { getAuthorizerClient, getComponentClient } from "./client";
import { wechatRequest } from "./http";
import { getComponentToken } from "./tokens";
import { ApiBaseRefusedError, WeChatTransportError } from "@/lib/platforms/wechat/errors/wechat-error";
import { componentTokenRow, createWorld, dropCachedTokens, upstreamCalls, type World } from "@/scripts/vitest/wechat";

/**
 * The one HTTP path to the platform refuses to carry the secret or a token anywhere but an allowed API base: not to
 * a host stored behind the console's back, not along a redirect, and it never echoes a foreign page's text.
 *
 * A gateway stands at this file's APP_URL (so `{APP_URL}/sandbox/wechat` is an allowed base); it redirects to the
 * real sandbox or answers pages that are not JSON. A recorder elsewhere on this machine is not allowed.
 */

const { gateway, recorder } = await vi.hoisted(async () => {
  const { gatewayAsAppUrl, startRecorder } = await import("@/scripts/vitest/gateway");
  return { ...(await gatewayAsAppUrl()), recorder: await startRecorder() };
});
afterAll(async () => {
  await gateway.close();
  await recorder.close();
});

const sandbox = sandboxHarness();
const COMPONENT_TOKEN = "/cgi-bin/component/api_component_token";
const gatewayBase = `${gateway.origin}/sandbox/wechat`;

beforeEach(() => {
  gateway.reset();
  recorder.seen.length = 0;
});

/** A world whose stored account now names `apiBase`, with no cached token (the next call refreshes). */
async function worldAt(apiBase: string): Promise<World & { moved: typeof platformAccounts.$inferSelect }> {
  const w = await createWorld(sandbox);
  await dropCachedTokens(w.account);
  const [moved] = await db.update(platformAccounts).set({ apiBase }).where(eq(platformAccounts.id, w.account.id)).returning();
  return { ...w, moved: moved! };
}

const refusal = (work: Promise<unknown>) => work.then(() => null, (e: unknown) => e);

describe("a stored API base that is not allowed", () => {
  it.each([
    ["a local server that is not the console's sandbox", () => `${recorder.origin}/sandbox/wechat`],
    ["a foreign https host", () => "https://evil.example/sandbox/wechat"],
  ])("refuses every call before anything is sent: %s", async (_, base) => {
    const w = await worldAt(base());
    const before = await upstreamCalls(COMPONENT_TOKEN);

    // The component token (secret + ticket), a component call and an authorizer call (its refresh token).
    for (const work of [
      () => getComponentToken(w.moved),
      () => getComponentClient(w.moved).startPushTicket(),
      () => getAuthorizerClient(w.tenant).getCategory(),
    ]) {
      const error = await refusal(work());
      expect(error).toBeInstanceOf(ApiBaseRefusedError);
      expect((error as Error).message).toContain("is not allowed");
    }
    expect(recorder.seen).toEqual([]);
    expect(await upstreamCalls(COMPONENT_TOKEN)).toBe(before);
    expect(await componentTokenRow(w.account)).toBeUndefined();
    // The refusal is in the history, once per call (no retries), without the secret.
    const rows = await db.select().from(operations).where(eq(operations.action, "component.api_component_token"));
    const refused = rows.filter((r) => JSON.stringify(r.response).includes("is not allowed"));
    expect(refused.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(rows)).not.toContain(w.platform.componentAppsecret);
  });

  it("refuses a direct request to a base that is not allowed (user-info in a base included)", async () => {
    for (const base of [recorder.origin, `http://user:pw@${recorder.origin.slice("http://".length)}`]) {
      const error = await refusal(wechatRequest({ method: "POST", path: "/cgi-bin/x", base, body: { secret: "s" }, action: false }));
      expect(error).toBeInstanceOf(ApiBaseRefusedError);
      expect((error as Error).message).not.toContain("pw");
    }
    expect(recorder.seen).toEqual([]);
  });
});

describe("redirects", () => {
  it.each([307, 302, 301])("a %i to the sandbox fails the call, once, and the secret never reaches the target", async (status) => {
    const w = await worldAt(gatewayBase);
    gateway.setMode({ kind: "redirect", status });
    const before = await upstreamCalls(COMPONENT_TOKEN);

    const error = await refusal(getComponentToken(w.moved));
    expect(error).toBeInstanceOf(WeChatTransportError);
    expect((error as WeChatTransportError).httpStatus).toBe(status);
    expect((error as WeChatTransportError).reason).toBe(`HTTP ${status}, redirect refused`);
    // The allowed gateway got the request (and no retry: asking again goes the same way); the sandbox nothing.
    expect(gateway.seen.map((s) => s.path)).toEqual([`/sandbox/wechat${COMPONENT_TOKEN}`]);
    expect(await upstreamCalls(COMPONENT_TOKEN)).toBe(before);
    expect(await componentTokenRow(w.account)).toBeUndefined();
  });
});

describe("answers that are not JSON", () => {
  it.each([200, 404, 502])("HTTP %i with a page is reported by its status, the page's text never echoed", async (status) => {
    const marker = `leak-${randomBytes(6).toString("hex")}`;
    gateway.setMode({ kind: "page", status, body: `<html><body>${marker} your token was received</body></html>` });
    const error = await refusal(
      wechatRequest({ method: "POST", path: "/cgi-bin/component/api_component_token", base: gatewayBase, body: {}, retry: "never", action: "test.not_json" }),
    );
    expect(error).toBeInstanceOf(WeChatTransportError);
    expect((error as Error).message).toBe(status >= 500 ? `/cgi-bin/component/api_component_token: HTTP ${status}` : `/cgi-bin/component/api_component_token: HTTP ${status}, not JSON`);
    expect(JSON.stringify(await db.select().from(operations).where(eq(operations.action, "test.not_json")))).not.toContain(marker);
  });
});
