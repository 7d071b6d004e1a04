import { beforeAll, describe, expect, it, vi } from "vitest";
import { inLocale, signInAs, translate } from "@/scripts/vitest/actions";
import { insertTemplate, readQr, sandboxHarness } from "@/scripts/vitest/sandbox";
import { createWorld, upstreamCalls, type World } from "@/scripts/vitest/wechat";
import { db } from "@/lib/db/client";
import { commits } from "@/lib/db/schema";
import { describeErrcode } from "@/lib/platforms/wechat/errors";
import { getAuthorizerToken } from "@/lib/platforms/wechat/tokens";
import { forgetTrialQr } from "@/lib/console/trial-qr";
import { GET } from "./route";

vi.mock("@/lib/auth/session", async () => (await import("@/scripts/vitest/actions")).sessionModule);
vi.mock("next-intl/server", async () => (await import("@/scripts/vitest/actions")).intlServerModule);

/** The trial QR image route, called as the browser would, against the sandbox over HTTP. */

const sandbox = sandboxHarness();
let w: World;

beforeAll(async () => {
  w = await createWorld(sandbox, { nickname: "二维码店" });
  inLocale("en");
});

const get = (query = "", tenantId = w.tenant.id) => GET(new Request(`http://console.test/tenants/${tenantId}/qr${query}`), { params: Promise.resolve({ tenantId }) });
const qrCalls = () => upstreamCalls("/wxa/get_qrcode");

async function commitTrial() {
  const templateId = await insertTemplate(w.platform.componentAppid, { pages: ["index", "pages/list/list"] });
  const token = await getAuthorizerToken(w.tenant);
  const answer = await sandbox.call("/wxa/commit", { token, body: { template_id: templateId, ext_json: "{}", user_version: "V1.0", user_desc: "qr" } });
  expect(answer.body.errcode).toBe(0);
}

describe("GET /tenants/[tenantId]/qr", () => {
  it("refuses a signed-out caller without calling the platform", async () => {
    await signInAs(null);
    const before = await qrCalls();
    const res = await get();
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: translate("errors.signedOut"), code: null });
    expect(await qrCalls()).toBe(before);
  });

  it("shows get_qrcode's JSON refusal as code and meaning (no trial yet)", async () => {
    await signInAs("viewer");
    const res = await get();
    expect(res.status).toBe(502);
    expect(await res.json()).toEqual({ error: `86001 — ${describeErrcode(86001, "en").message}`, code: 86001 });
  });

  it("answers a JPEG whose code names the appid and the page with its query; the second request is served from the cache", async () => {
    await signInAs("viewer");
    await commitTrial();
    const before = await qrCalls();
    const res = await get("?page=pages/list/list&query=id%3D7");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/jpeg");
    const text = readQr(new Uint8Array(await res.arrayBuffer())).text!;
    expect(text).toContain(w.tenant.appid);
    expect(text).toContain(encodeURIComponent("pages/list/list?id=7"));
    expect(await qrCalls()).toBe(before + 1);

    const again = await get("?page=pages/list/list&query=id%3D7&download=1");
    expect(again.headers.get("content-disposition")).toContain("attachment");
    expect(readQr(new Uint8Array(await again.arrayBuffer())).text).toBe(text);
    expect(await qrCalls()).toBe(before + 1);

    // Another page is another image.
    await get();
    expect(await qrCalls()).toBe(before + 2);
  });

  it("asks the platform again after a commit the console recorded, and after a commit cleared the cache", async () => {
    await signInAs("operator");
    await get("?page=index");
    const before = await qrCalls();
    await get("?page=index");
    expect(await qrCalls()).toBe(before);

    await db.insert(commits).values({ tenantId: w.tenant.id, templateId: 1, userVersion: "V1.1", userDesc: "", extJson: "{}", ok: true, at: new Date(Date.now() + 1000) });
    await get("?page=index");
    expect(await qrCalls()).toBe(before + 1);

    await forgetTrialQr(w.tenant.id);
    await new Promise((r) => setTimeout(r, 1100));
    await get("?page=index");
    expect(await qrCalls()).toBe(before + 2);
  });
});
