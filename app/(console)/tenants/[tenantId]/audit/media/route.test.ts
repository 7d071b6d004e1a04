import { beforeEach, describe, expect, it, vi } from "vitest";
import { inLocale, signInAs, translate } from "@/scripts/vitest/actions";
import { DOC_CATEGORIES, setTrial } from "@/scripts/vitest/audit-fixtures";
import { sandboxHarness } from "@/scripts/vitest/sandbox";
import { createWorld, historyOf, type World } from "@/scripts/vitest/wechat";
import { emptyDraft } from "@/lib/validation/audit-submission";
import { submitAuditAction } from "../actions";
import { POST } from "./route";

vi.mock("@/lib/auth/session", async () => (await import("@/scripts/vitest/actions")).sessionModule);
vi.mock("next-intl/server", async () => (await import("@/scripts/vitest/actions")).intlServerModule);

/** The audit tab's upload route against the sandbox over HTTP, with the multipart body a browser sends. */

const sandbox = sandboxHarness();
let w: World;
const ORIGIN = "http://console.test";
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array(100).fill(7)]);

beforeEach(async () => {
  w = await createWorld(sandbox, { categories: DOC_CATEGORIES });
  await setTrial(w.authorizer.appid);
  inLocale("en");
});

/** A browser's request: the multipart body with its declared length, from the console's own origin. */
async function post(file: { name: string; type: string; bytes: Uint8Array } | null, purpose = "preview", headers: Record<string, string> = { origin: ORIGIN }) {
  const form = new FormData();
  form.set("purpose", purpose);
  if (file) form.set("file", new File([file.bytes as BlobPart], file.name, { type: file.type }));
  const encoded = new Request(`${ORIGIN}/x`, { method: "POST", body: form });
  const body = new Uint8Array(await encoded.arrayBuffer());
  const req = new Request(`${ORIGIN}/tenants/${w.tenant.id}/audit/media`, {
    method: "POST",
    body,
    headers: { "content-type": encoded.headers.get("content-type")!, "content-length": String(body.length), ...headers },
  });
  const res = await POST(req, { params: Promise.resolve({ tenantId: w.tenant.id }) });
  return { status: res.status, body: (await res.json()) as { ok: boolean; data?: { mediaId: string; kind: string; name: string }; error?: string; code?: number } };
}

const uploads = async () => (await historyOf("wxa.uploadmedia", w.tenant.id)).length;

describe("POST /tenants/<id>/audit/media", () => {
  it("uploads a picture for an operator, and its id reaches submit_audit's preview_info", async () => {
    const operator = (await signInAs("operator"))!;
    const { status, body } = await post({ name: "home.png", type: "image/png", bytes: PNG });
    expect(status).toBe(200);
    expect(body).toEqual({ ok: true, data: { mediaId: expect.stringMatching(/^sbx_/), kind: "image", name: "home.png" } });
    const [upload] = await historyOf("wxa.uploadmedia", w.tenant.id);
    expect(upload).toMatchObject({ ok: true, actorId: operator.id });

    const mediaId = body.data!.mediaId;
    const category = { first: { id: 1, name: "文娱" }, second: { id: 2, name: "资讯" }, third: null };
    const draft = { ...emptyDraft(), items: [{ page: "index", category, tags: "", title: "首页" }], previewPictures: [mediaId] };
    expect(await submitAuditAction({ tenantId: w.tenant.id, draft })).toMatchObject({ ok: true });
    const [submit] = await historyOf("wxa.submit_audit", w.tenant.id);
    expect((submit!.request as { body: { preview_info: unknown } }).body.preview_info).toEqual({ pic_id_list: [mediaId] });
  });

  it("refuses an oversized picture, a file of another type and a video for the reviewer's pictures, saying why, and sends nothing", async () => {
    await signInAs("operator");
    const before = await uploads();
    const big = await post({ name: "big.png", type: "image/png", bytes: new Uint8Array(2 * 1024 * 1024 + 1) });
    expect(big).toEqual({ status: 400, body: { ok: false, error: translate("audit.media.tooLarge", { name: "big.png", limit: "2 MB" }) } });
    expect(big.body.error).toBe("big.png is larger than the platform allows (2 MB).");
    const text = await post({ name: "notes.txt", type: "text/plain", bytes: new Uint8Array([1]) });
    expect(text).toEqual({ status: 400, body: { ok: false, error: translate("audit.media.format", { name: "notes.txt", formats: "png, jpg, jpeg, gif, mp4" }) } });
    const video = await post({ name: "clip.mp4", type: "video/mp4", bytes: new Uint8Array([1, 2]) }, "feedback");
    expect(video).toEqual({ status: 400, body: { ok: false, error: translate("audit.media.format", { name: "clip.mp4", formats: "png, jpg, jpeg, gif" }) } });
    inLocale("zh-CN");
    const empty = await post({ name: "empty.gif", type: "image/gif", bytes: new Uint8Array(0) });
    expect(empty.body.error).toBe("empty.gif 是空文件。");
    expect(await uploads()).toBe(before);
  });

  it("shows the platform's refusal of the content as code and meaning", async () => {
    await signInAs("operator");
    const { status, body } = await post({ name: "fake.png", type: "image/png", bytes: new Uint8Array([1, 2, 3]) });
    expect(status).toBe(400);
    expect(body).toMatchObject({ ok: false, code: 40005, error: expect.stringMatching(/^40005 — /) });
  });

  it("refuses a viewer, a signed-out visitor, another site and an oversized body before reading the file", async () => {
    const file = { name: "home.png", type: "image/png", bytes: PNG };
    await signInAs("viewer");
    expect(await post(file)).toEqual({ status: 403, body: { ok: false, error: translate("errors.forbidden") } });
    await signInAs(null);
    expect(await post(file)).toEqual({ status: 401, body: { ok: false, error: translate("errors.signedOut") } });
    await signInAs("operator");
    expect((await post(file, "preview", { origin: "https://evil.example" })).status).toBe(403);
    expect((await post(file, "preview", {})).status).toBe(403);
    const huge = await post(file, "preview", { origin: ORIGIN, "content-length": String(11 * 1024 * 1024) });
    expect(huge).toEqual({ status: 413, body: { ok: false, error: translate("audit.media.bodyTooLarge") } });
    expect(await uploads()).toBe(0);
  });
});
