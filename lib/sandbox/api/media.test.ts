import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { decideAudit } from "../audit-decision";
import { screenshotText } from "../media";
import { sandboxMedia } from "../schema";
import { authorizerWithTrial, DOC_SUBMIT, siblingWithTrial, submit } from "@/scripts/vitest/audit-fixtures";
import { readQr, sandboxHarness } from "@/scripts/vitest/sandbox";

/** /wxa/uploadmedia (audit preview media), submit_audit's preview_info, and rejection screenshots via get_material. */
const sandbox = sandboxHarness();

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 2)]);
const MP4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypmp42"), Buffer.alloc(64, 3)]);

async function upload(token: string, file?: { name: string; bytes: Buffer; type?: string }, method = "POST") {
  const form = new FormData();
  if (file) form.append("media", new Blob([new Uint8Array(file.bytes)], { type: file.type ?? "application/octet-stream" }), file.name);
  const res = await fetch(`${sandbox.wechatBase}/wxa/uploadmedia?access_token=${token}`, { method, body: method === "POST" ? form : undefined });
  return (await res.json()) as Record<string, unknown>;
}

describe("POST /wxa/uploadmedia", () => {
  it("stores an image and a video and answers {type, mediaid}, valid 3 days", async () => {
    const { authorizer, token } = await sandbox.authorizerWithToken();
    const image = await upload(token, { name: "shot.PNG", bytes: PNG, type: "image/png" });
    expect(image).toMatchObject({ errcode: 0, errmsg: "ok", type: "image" });
    expect(image.mediaid).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    const video = await upload(token, { name: "walk.mp4", bytes: MP4 });
    expect(video).toMatchObject({ errcode: 0, type: "video" });
    const [row] = await db.select().from(sandboxMedia).where(eq(sandboxMedia.mediaId, image.mediaid as string));
    expect(row).toMatchObject({ appid: authorizer.appid, kind: "image", contentType: "image/png", purpose: "audit_upload" });
    expect(Buffer.from(row!.bytes).equals(PNG)).toBe(true);
    expect(Math.abs(row!.expiresAt!.getTime() - Date.now() - 3 * 86_400_000)).toBeLessThan(60_000);
  });

  it("answers 43002 for GET, 41005 without media, 40005 for another format, 40006 over the size limits", async () => {
    const { token } = await sandbox.authorizerWithToken();
    expect((await upload(token, undefined, "GET")).errcode).toBe(43002);
    expect((await upload(token)).errcode).toBe(41005);
    expect((await upload(token, { name: "empty.png", bytes: Buffer.alloc(0) })).errcode).toBe(41005);
    expect((await sandbox.call("/wxa/uploadmedia", { token, body: { media: "x" } })).body.errcode).toBe(41005);
    expect((await upload(token, { name: "notes.txt", bytes: Buffer.from("hello") })).errcode).toBe(40005);
    expect((await upload(token, { name: "clip.mov", bytes: MP4 })).errcode).toBe(40005);
    // The name says PNG, the bytes are a JPEG (assump.: the content is checked).
    expect((await upload(token, { name: "fake.png", bytes: JPEG })).errcode).toBe(40005);
    const big = Buffer.concat([JPEG, Buffer.alloc(2 * 1024 * 1024)]);
    expect((await upload(token, { name: "big.jpg", bytes: big })).errcode).toBe(40006);
    expect((await upload(token, { name: "ok.jpg", bytes: big.subarray(0, 2 * 1024 * 1024) })).errcode).toBe(0);
  });
});

describe("submit_audit preview_info", () => {
  it("accepts this mini-program's live uploads; refuses unknown, expired, foreign or mismatched ids (85092) and too many (85093)", async () => {
    const { platform, token } = await authorizerWithTrial(sandbox);
    const pic = (await upload(token, { name: "a.jpg", bytes: JPEG })).mediaid as string;
    const video = (await upload(token, { name: "v.mp4", bytes: MP4 })).mediaid as string;
    const other = await siblingWithTrial(sandbox, platform);
    const foreign = (await upload(other.token, { name: "b.jpg", bytes: JPEG })).mediaid as string;
    const expired = (await upload(token, { name: "old.jpg", bytes: JPEG })).mediaid as string;
    await db.update(sandboxMedia).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sandboxMedia.mediaId, expired));

    const withPreview = (preview_info: unknown) => submit(sandbox, token, { ...DOC_SUBMIT, preview_info });
    const cases: [unknown, number][] = [
      ["pic", 85092],
      [{ pic_id_list: pic }, 85092],
      [{ pic_id_list: ["sbx_unknown"] }, 85092],
      [{ pic_id_list: [foreign] }, 85092],
      [{ pic_id_list: [expired] }, 85092],
      [{ pic_id_list: [video] }, 85092],
      [{ video_id_list: [pic] }, 85092],
      [{ pic_id_list: Array(6).fill(pic) }, 85093],
      [{ video_id_list: [video, video] }, 85093],
    ];
    for (const [preview, code] of cases) expect((await withPreview(preview)).body.errcode, JSON.stringify(preview)).toBe(code);
    const ok = await withPreview({ pic_id_list: [pic], video_id_list: [video] });
    expect(ok.body.errcode).toBe(0);
  });
});

describe("rejection screenshots through the material API", () => {
  it("a rejection carries one screenshot by default; get_material answers it as an image naming the audit", async () => {
    const { authorizer, token } = await authorizerWithTrial(sandbox);
    const auditid = (await submit(sandbox, token)).body.auditid as number;
    await decideAudit(authorizer.appid, { result: "reject", reason: "1:页面空白" });
    const status = (await sandbox.call("/wxa/get_auditstatus", { token, body: { auditid } })).body;
    const ids = String(status.screenshot).split("|");
    expect(ids).toHaveLength(1);

    const res = await sandbox.fetch("/cgi-bin/material/get_material", { token, body: { media_id: ids[0] } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/jpeg");
    expect(readQr(new Uint8Array(await res.arrayBuffer())).text).toBe(screenshotText(authorizer.appid, auditid, 1));
  });

  it("the reviewer may attach several; unknown, foreign and temporary ids answer 40007", async () => {
    const { platform, authorizer, token } = await authorizerWithTrial(sandbox);
    await submit(sandbox, token);
    await decideAudit(authorizer.appid, { result: "reject", screenshots: 3 });
    const latest = (await sandbox.call("/wxa/get_latest_auditstatus", { token, method: "GET" })).body;
    const ids = String(latest.screenshot).split("|");
    expect(new Set(ids).size).toBe(3);

    const other = await siblingWithTrial(sandbox, platform);
    const upload1 = (await upload(token, { name: "a.jpg", bytes: JPEG })).mediaid as string;
    for (const [t, media_id] of [
      [token, "sbx_nope"],
      [other.token, ids[0]],
      [token, upload1],
    ] as const) {
      expect((await sandbox.call("/cgi-bin/material/get_material", { token: t, body: { media_id } })).body.errcode, media_id).toBe(40007);
    }
    expect((await sandbox.call("/cgi-bin/material/get_material", { token })).body.errcode).toBe(44002);
  });
});
