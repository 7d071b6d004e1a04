import { beforeAll, describe, expect, it, vi } from "vitest";
import { decideAudit } from "@/lib/sandbox/audit-decision";
import { screenshotText } from "@/lib/sandbox/media";
import { updateSettings } from "@/lib/sandbox/settings";
import { inLocale, signInAs } from "@/scripts/vitest/actions";
import { readQr, sandboxHarness } from "@/scripts/vitest/sandbox";
import { DOC_CATEGORIES, DOC_SUBMIT, setTrial, submit } from "@/scripts/vitest/audit-fixtures";
import { createWorld, historyOf, type World } from "@/scripts/vitest/wechat";
import { GET } from "@/app/(console)/tenants/[tenantId]/media/[mediaId]/route";

vi.mock("@/lib/auth/session", async () => (await import("@/scripts/vitest/actions")).sessionModule);
vi.mock("next-intl/server", async () => (await import("@/scripts/vitest/actions")).intlServerModule);

/** The console's image route for a tenant's platform media (rejection screenshots), through the real route handler. */
const sandbox = sandboxHarness();
let w: World;
let screenshot: string;
let auditid: number;

beforeAll(async () => {
  await updateSettings({ privacyScanMs: 0 });
  w = await createWorld(sandbox, { categories: DOC_CATEGORIES });
  await setTrial(w.authorizer.appid);
  const token = await sandbox.authorizerToken(w.platform, w.authorizer);
  auditid = (await submit(sandbox, token, DOC_SUBMIT)).body.auditid as number;
  await decideAudit(w.authorizer.appid, { result: "reject" });
  screenshot = (await w.client.getAuditStatus({ auditid })).screenshot.split("|")[0]!;
});

const get = (tenantId: string, mediaId: string) =>
  GET(new Request(`http://localhost/tenants/${tenantId}/media/${mediaId}`), { params: Promise.resolve({ tenantId, mediaId }) });

describe("GET /tenants/<id>/media/<mediaId>", () => {
  it("refuses a signed-out visitor (401) without calling the platform", async () => {
    await signInAs(null);
    const before = (await historyOf("material.get_material")).length;
    const res = await get(w.tenant.id, screenshot);
    expect(res.status).toBe(401);
    expect((await historyOf("material.get_material")).length).toBe(before);
  });

  it("serves a real rejection screenshot to a viewer: the image bytes, privately cached, no token in sight", async () => {
    const viewer = await signInAs("viewer");
    const res = await get(w.tenant.id, screenshot);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/jpeg");
    expect(res.headers.get("cache-control")).toBe("private, max-age=86400");
    expect(readQr(new Uint8Array(await res.arrayBuffer())).text).toBe(screenshotText(w.authorizer.appid, auditid, 1));
    const rows = await historyOf("material.get_material", w.tenant.id);
    expect(rows.at(-1)).toMatchObject({ actorId: viewer!.id, ok: true });
  });

  it("answers 404 with the platform's code and meaning for an unknown media id, in the operator's language", async () => {
    await signInAs("operator");
    inLocale("en");
    const res = await get(w.tenant.id, "sbx_unknown");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ code: 40007, error: "40007 — Invalid media_id: the platform has no such media for this account (or it has expired)." });
    inLocale("zh-CN");
    expect(await (await get(w.tenant.id, "sbx_unknown")).json()).toEqual({ code: 40007, error: "40007 — 不合法的媒体文件 id" });
  });

  it("answers 404 for an unknown tenant or a malformed id", async () => {
    await signInAs("viewer");
    expect((await get("00000000-0000-4000-8000-000000000000", screenshot)).status).toBe(404);
    expect((await get("not-a-uuid", screenshot)).status).toBe(404);
    expect((await get(w.tenant.id, "a%20b")).status).toBe(404);
  });
});
