import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { addFault, clearFaults } from "@/lib/sandbox/control-ops";
import { sandboxPlatforms } from "@/lib/sandbox/schema";
import { updateSettings } from "@/lib/sandbox/settings";
import { chinaMonth } from "@/lib/sandbox/state";
import { insertTemplate, sandboxHarness } from "@/scripts/vitest/sandbox";
import { WeChatError, WeChatTransportError } from "@/lib/platforms/wechat/errors/wechat-error";
import { createWorld, historyOf, upstreamCalls, type World } from "@/scripts/vitest/wechat";

/**
 * What the client does when the platform fails: transient errors (-1, 45011, HTTP 5xx) are retried with backoff on
 * safe calls only; commit and submit_audit are sent once; quota and state errors stop at once. Faults are injected
 * in the sandbox (lib/sandbox/faults.ts) and every attempt is visible in its call counters and in the history.
 */

const sandbox = sandboxHarness();
let w: World;
let templateId: number;

const fault = (path: string, errcode: number, count: number, extra: { http_status?: number } = {}) =>
  addFault({ path, errcode: extra.http_status ? undefined : errcode, http_status: extra.http_status, probability: 1, count });
const rejection = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => e);
const commitBody = () => ({ template_id: templateId, ext_json: "{}", user_version: "V1", user_desc: "" });

beforeAll(async () => {
  await updateSettings({ privacyScanMs: 0 });
  w = await createWorld(sandbox);
  templateId = await insertTemplate(w.platform.componentAppid);
  await w.client.queryQuota(); // warm the tokens
});

afterEach(async () => {
  await clearFaults({});
});

describe("get_qrcode", () => {
  it("turns a JSON answer into a WeChatError, not bytes (no trial yet: 86001)", async () => {
    const error = await rejection(w.client.getTrialQrcode());
    expect(error).toBeInstanceOf(WeChatError);
    expect((error as WeChatError).errcode).toBe(86001);
  });

  it("turns an injected JSON error into a WeChatError and records it", async () => {
    await w.client.commit(commitBody());
    expect((await w.client.getTrialQrcode()).contentType).toBe("image/jpeg");
    await fault("/wxa/get_qrcode", 40097, 1);
    const error = (await rejection(w.client.getTrialQrcode({ path: "pages/index/index" }))) as WeChatError;
    expect(error).toBeInstanceOf(WeChatError);
    expect(error.errcode).toBe(40097);
    const rows = await historyOf("wxa.get_qrcode", w.tenant.id);
    expect(rows.map((r) => [r.ok, r.errcode])).toEqual([[false, 86001], [true, 0], [false, 40097]]);
    // The image itself is not stored, only its type and size.
    expect(rows[1]!.response).toEqual({ contentType: "image/jpeg", bytes: expect.any(Number) });
  });
});

describe("transient failures", () => {
  it("retries a safe call through two -1 answers: success on the third attempt, three history rows", async () => {
    await fault("/wxa/get_category", -1, 2);
    const before = await upstreamCalls("/wxa/get_category");
    expect((await w.client.getCategory()).category_list.length).toBeGreaterThan(0);
    expect((await upstreamCalls("/wxa/get_category")) - before).toBe(3);
    const rows = (await historyOf("wxa.get_category", w.tenant.id)).slice(-3);
    expect(rows.map((r) => [r.ok, r.errcode])).toEqual([[false, -1], [false, -1], [true, 0]]);
  });

  it("retries 45011 and HTTP 502 the same way", async () => {
    await fault("/wxa/get_page", 45011, 1);
    await fault("/wxa/queryquota", 0, 1, { http_status: 502 });
    const [pages, quota] = [await upstreamCalls("/wxa/get_page"), await upstreamCalls("/wxa/queryquota")];
    expect((await w.client.getPage()).page_list.length).toBeGreaterThan(0);
    expect((await w.client.queryQuota()).limit).toBe(20);
    expect((await upstreamCalls("/wxa/get_page")) - pages).toBe(2);
    expect((await upstreamCalls("/wxa/queryquota")) - quota).toBe(2);
  });

  it("gives up after three attempts and throws the last error", async () => {
    await fault("/wxa/getvisitstatus", -1, 5);
    const before = await upstreamCalls("/wxa/getvisitstatus");
    const error = (await rejection(w.client.getVisitStatus())) as WeChatError;
    expect(error.errcode).toBe(-1);
    expect((await upstreamCalls("/wxa/getvisitstatus")) - before).toBe(3);
  });

  it("never retries commit: one upstream call, one history row", async () => {
    await fault("/wxa/commit", -1, 2);
    const [calls, rows] = [await upstreamCalls("/wxa/commit"), (await historyOf("wxa.commit")).length];
    expect(((await rejection(w.client.commit(commitBody()))) as WeChatError).errcode).toBe(-1);
    expect((await upstreamCalls("/wxa/commit")) - calls).toBe(1);
    expect((await historyOf("wxa.commit")).length - rows).toBe(1);
  });

  it("never retries submit_audit, not even on a network-level failure", async () => {
    await fault("/wxa/submit_audit", 0, 1, { http_status: 503 });
    const calls = await upstreamCalls("/wxa/submit_audit");
    expect(await rejection(w.client.submitAudit())).toBeInstanceOf(WeChatTransportError);
    expect((await upstreamCalls("/wxa/submit_audit")) - calls).toBe(1);
  });
});

describe("errors that stop at once", () => {
  it.each([
    [45009, "daily quota"],
    [85085, "monthly audit quota"],
    [61007, "permission set not granted"],
  ])("does not retry %i (%s) on a safe call", async (errcode) => {
    await fault("/wxa/get_category", errcode, 3);
    const before = await upstreamCalls("/wxa/get_category");
    const error = (await rejection(w.client.getCategory())) as WeChatError;
    expect(error).toBeInstanceOf(WeChatError);
    expect(error.errcode).toBe(errcode);
    expect((await upstreamCalls("/wxa/get_category")) - before).toBe(1);
  });

  it("answers the platform's own 85085 once the month's audits are spent", async () => {
    await db.update(sandboxPlatforms).set({ quotaMonth: chinaMonth(), auditQuotaUsed: 20 }).where(eq(sandboxPlatforms.componentAppid, w.platform.componentAppid));
    await w.client.commit(commitBody());
    const calls = await upstreamCalls("/wxa/submit_audit");
    const error = (await rejection(w.client.submitAudit())) as WeChatError;
    expect(error.errcode).toBe(85085);
    expect(error.class).toBe("quota");
    expect((await upstreamCalls("/wxa/submit_audit")) - calls).toBe(1);
  });
});
