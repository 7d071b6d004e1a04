import { beforeAll, describe, expect, it } from "vitest";
import { decideAudit } from "@/lib/sandbox/audit-decision";
import { screenshotText } from "@/lib/sandbox/media";
import { DEFAULT_CATEGORIES } from "@/lib/sandbox/registry";
import { updateSettings } from "@/lib/sandbox/settings";
import { insertTemplate, readQr, sandboxHarness } from "@/scripts/vitest/sandbox";
import { createWorld, historyOf, type World } from "@/scripts/vitest/wechat";
import { platformForTenant } from "@/lib/platforms";
import { PlatformError, type TenantPlatform } from "@/lib/platforms/port";

/**
 * The port's media operations against the sandbox over HTTP: an upload for an audit's preview (multipart), and the
 * rejection screenshots read back with the material API under the tenant's token.
 */
const sandbox = sandboxHarness();
let w: World;
let tenant: TenantPlatform;
const PAGES = ["pages/index/index"];
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array(100).fill(7)]);

beforeAll(async () => {
  await updateSettings({ privacyScanMs: 0 });
  w = await createWorld(sandbox);
  tenant = await platformForTenant(w.tenant);
});

const refusalOf = (work: Promise<unknown>) => work.then(() => null, (e: unknown) => e as PlatformError);

describe("uploadMedia", () => {
  it("uploads a picture as multipart and names it in an audit's preview; the history keeps name, type and size only", async () => {
    const { mediaId, kind } = await tenant.uploadMedia({ name: "home.png", type: "image/png", bytes: PNG });
    expect(kind).toBe("image");
    expect(mediaId).toMatch(/^sbx_/);
    const [row] = await historyOf("wxa.uploadmedia", w.tenant.id);
    expect(row).toMatchObject({ ok: true, errcode: 0 });
    expect((row!.request as { body: unknown }).body).toEqual({ media: { file: "home.png", type: "image/png", size: PNG.length } });
    expect(JSON.stringify(row!.request)).not.toContain("137,80,78");

    const templateId = await insertTemplate(w.platform.componentAppid, { pages: PAGES });
    await tenant.commit({ templateId, extJson: "{}", userVersion: "1.0.0", userDesc: "d" });
    const item = { address: PAGES[0]!, tag: "工具", title: "首页", ...DEFAULT_CATEGORIES[0]! };
    const { auditid } = await w.client.submitAudit({ item_list: [item], preview_info: { pic_id_list: [mediaId] } });
    expect(Number(auditid)).toBeGreaterThan(0);
  });

  it("checks the documented format and size before sending anything", async () => {
    const before = (await historyOf("wxa.uploadmedia", w.tenant.id)).length;
    for (const file of [
      { name: "notes.txt", type: "text/plain", bytes: new Uint8Array([1]) },
      { name: "big.png", type: "image/png", bytes: new Uint8Array(2 * 1024 * 1024 + 1) },
      { name: "empty.mp4", type: "video/mp4", bytes: new Uint8Array(0) },
    ]) {
      const refusal = await refusalOf(tenant.uploadMedia(file));
      expect(refusal, file.name).toBeInstanceOf(PlatformError);
      expect(refusal!.errorClass).toBe("input");
    }
    expect((await historyOf("wxa.uploadmedia", w.tenant.id)).length).toBe(before);
  });

  it("reports the platform's refusal of the content (40005) with its meaning", async () => {
    const refusal = await refusalOf(tenant.uploadMedia({ name: "fake.png", type: "image/png", bytes: new Uint8Array([1, 2, 3]) }));
    expect(refusal).toMatchObject({ code: 40005, errorClass: "input" });
    expect(refusal!.describe("en")).toMatch(/^40005 — .*format/);
  });
});

describe("mediaImage", () => {
  it("returns a rejection screenshot's bytes; an unknown id is 40007 with its meaning", async () => {
    const auditid = Number((await w.client.getLatestAuditStatus()).auditid);
    await decideAudit(w.authorizer.appid, { result: "reject", reason: "1:页面空白" });
    const audit = await tenant.auditStatus(auditid);
    expect(audit.state).toBe("rejected");
    expect(audit.screenshots).toHaveLength(1);
    const image = await tenant.mediaImage(audit.screenshots[0]!);
    expect(image.contentType).toBe("image/jpeg");
    expect(readQr(image.bytes).text).toBe(screenshotText(w.authorizer.appid, auditid, 1));

    const refusal = await refusalOf(tenant.mediaImage("sbx_unknown"));
    expect(refusal).toMatchObject({ code: 40007 });
    expect(refusal!.describe("zh-CN")).toBe("40007 — 不合法的媒体文件 id");
  });
});
