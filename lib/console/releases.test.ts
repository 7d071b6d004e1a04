import { beforeAll, describe, expect, it, vi } from "vitest";
import { inLocale, signInAs, translate } from "@/scripts/vitest/actions";
import { insertTemplate, patchState, sandboxHarness } from "@/scripts/vitest/sandbox";
import { allUpstreamCalls, createWorld, upstreamCalls, type World } from "@/scripts/vitest/wechat";
import { DOC_CATEGORIES, DOC_PAGES, approvedAudit, submit } from "@/scripts/vitest/audit-fixtures";
import { describeErrcode } from "@/lib/platforms/wechat/errors";
import { getAuthorizerToken } from "@/lib/platforms/wechat/tokens";
import { decideAudit } from "@/lib/sandbox/audit-decision";
import {
  baseLibraryAction,
  cancelGrayAction,
  grayAction,
  releaseAction,
  rollbackAction,
  visitAction,
} from "@/app/(console)/tenants/[tenantId]/release/actions";
import { forgetBoard, versionBoard, type BoardPart } from "./versions";

vi.mock("@/lib/auth/session", async () => (await import("@/scripts/vitest/actions")).sessionModule);
vi.mock("next-intl/server", async () => (await import("@/scripts/vitest/actions")).intlServerModule);

/**
 * The release section of a tenant's page, driven through its server actions against the sandbox over HTTP, and the
 * version board read after each step. One mini-program walks the whole path, in order.
 */

const sandbox = sandboxHarness();
let w: World;
let token: string;
let actorId: string;

const value = <T>(part: BoardPart<T> | null): T => {
  if (!part) throw new Error("board part not read (the platform lacks it)");
  if (!part.ok) throw new Error(`board part refused: ${JSON.stringify(part.refusal)}`);
  return part.value;
};
const board = async () => {
  forgetBoard(w.tenant.id);
  return versionBoard(w.tenant.id, actorId);
};
const kinds = async () => value((await board()).versions).map((v) => [v.kind, v.userVersion]);
const refusal = (code: number) => ({ ok: false, code, error: `${code} — ${describeErrcode(code, "en").message}`, rid: expect.any(String) });

beforeAll(async () => {
  w = await createWorld(sandbox, { categories: DOC_CATEGORIES, nickname: "发布测试店" });
  token = await getAuthorizerToken(w.tenant);
  actorId = (await signInAs("operator"))!.id;
  inLocale("en");
});

describe("the version board", () => {
  it("shows nothing before any commit: no versions, no audit, no roll-out, open, the default minimum", async () => {
    const b = await board();
    expect(value(b.versions)).toEqual([]);
    expect(value(b.audit)).toBeNull();
    expect(value(b.gray)).toMatchObject({ state: "initial", percentage: 0 });
    expect(value(b.visible)).toBe(true);
    expect(value(b.baseLibrary).minimum).toBe("1.0.0");
    expect(value(b.baseLibrary).shares.length).toBeGreaterThan(3);
  });

  it("is kept briefly: a second read asks the platform nothing", async () => {
    await board();
    const before = await allUpstreamCalls();
    await versionBoard(w.tenant.id, actorId);
    expect(await allUpstreamCalls()).toBe(before);
  });

  it("follows a commit, an approval and a release", async () => {
    const templateId = await insertTemplate(w.platform.componentAppid, { pages: DOC_PAGES });
    const committed = await sandbox.call("/wxa/commit", { token, body: { template_id: templateId, ext_json: "{}", user_version: "V1.0", user_desc: "first" } });
    expect(committed.body.errcode).toBe(0);
    expect(await kinds()).toEqual([["trial", "V1.0"]]);

    await patchState(w.authorizer.appid, (s) => ({ ...s, trial: { ...s.trial!, scanReadyAt: Date.now() - 1 } }));
    const auditid = (await submit(sandbox, token)).body.auditid as number;
    expect(await kinds()).toEqual([["trial", "V1.0"], ["auditing", "V1.0"]]);
    expect(value((await board()).audit)).toMatchObject({ auditid, state: "auditing", userVersion: "V1.0" });

    await decideAudit(w.authorizer.appid, { result: "approve" });
    expect(value((await board()).audit)).toMatchObject({ auditid, state: "approved" });

    await signInAs("operator");
    expect(await releaseAction({ tenantId: w.tenant.id })).toEqual({ ok: true, data: { done: true } });
    expect(await kinds()).toEqual([["trial", "V1.0"], ["live", "V1.0"]]);
  });

  it("a second release of the same version is refused with 85019's meaning", async () => {
    expect(await releaseAction({ tenantId: w.tenant.id })).toEqual(refusal(85019));
  });
});

describe("gray roll-out", () => {
  beforeAll(async () => {
    await approvedAudit(sandbox, token, w.authorizer.appid, { userVersion: "V2.0" });
  });

  it("10 %, with the flags as asked: project members first, not testers", async () => {
    expect(await grayAction({ tenantId: w.tenant.id, percentage: 10, membersFirst: true, testersFirst: false })).toEqual({ ok: true, data: { percentage: 10 } });
    const gray = value((await board()).gray);
    expect(gray).toMatchObject({ state: "running", percentage: 10, membersFirst: true, testersFirst: false });
    expect(await kinds()).toContainEqual(["gray", "V2.0"]);
  });

  it("5 % after 10 % is refused before the platform is asked to change anything", async () => {
    const before = await upstreamCalls("/wxa/grayrelease");
    const result = await grayAction({ tenantId: w.tenant.id, percentage: 5, membersFirst: true, testersFirst: false });
    expect(result).toMatchObject({ ok: false, error: translate("tenant.release.errors.grayTooLow", { current: 10, asked: 5 }) });
    expect(await upstreamCalls("/wxa/grayrelease")).toBe(before);
    expect(value((await board()).gray).percentage).toBe(10);
  });

  it("50 % widens the plan", async () => {
    expect(await grayAction({ tenantId: w.tenant.id, percentage: 50, membersFirst: true, testersFirst: true })).toMatchObject({ ok: true });
    expect(value((await board()).gray)).toMatchObject({ state: "running", percentage: 50, testersFirst: true });
  });

  it("a percentage outside 1–100 is refused next to the field", async () => {
    const result = await grayAction({ tenantId: w.tenant.id, percentage: 0, membersFirst: false, testersFirst: false });
    expect(result).toMatchObject({ ok: false, fieldErrors: { percentage: [translate("validation.invalid")] } });
  });

  it("rollback during the roll-out is refused with 87011's meaning", async () => {
    expect(await rollbackAction({ tenantId: w.tenant.id })).toEqual(refusal(87011));
  });

  it("cancel: the plan is cancelled, the live version unchanged", async () => {
    expect(await cancelGrayAction({ tenantId: w.tenant.id })).toEqual({ ok: true, data: { done: true } });
    expect(value((await board()).gray).state).toBe("cancelled");
    expect(await kinds()).toEqual([["trial", "V2.0"], ["live", "V1.0"]]);
    expect(await cancelGrayAction({ tenantId: w.tenant.id })).toEqual(refusal(87012));
  });
});

describe("rollback", () => {
  it("goes back to the chosen kept version; a second rollback shows 87012's meaning", async () => {
    expect(await releaseAction({ tenantId: w.tenant.id })).toMatchObject({ ok: true });
    expect(await kinds()).toEqual([["trial", "V2.0"], ["live", "V2.0"]]);
    const { rollbackCandidates } = await import("./releases");
    const { tenantPlatformFor } = await import("./versions");
    const kept = await rollbackCandidates(await tenantPlatformFor(w.tenant.id, actorId));
    expect(kept.map((v) => v.userVersion)).toEqual(["V2.0", "V1.0"]);
    const target = kept.find((v) => v.userVersion === "V1.0")!;

    expect(await rollbackAction({ tenantId: w.tenant.id, appVersion: target.appVersion })).toEqual({ ok: true, data: { appVersion: target.appVersion } });
    expect(await kinds()).toEqual([["trial", "V2.0"], ["live", "V1.0"]]);
    expect(await rollbackAction({ tenantId: w.tenant.id })).toEqual(refusal(87012));
    inLocale("zh-CN");
    expect(await rollbackAction({ tenantId: w.tenant.id })).toMatchObject({ ok: false, code: 87012, error: `87012 — ${describeErrcode(87012, "zh-CN").message}` });
    inLocale("en");
  });
});

describe("visit status", () => {
  it("closes and opens again; closing twice is the platform's refusal", async () => {
    expect(await visitAction({ tenantId: w.tenant.id, open: false })).toEqual({ ok: true, data: { open: false } });
    expect(value((await board()).visible)).toBe(false);
    expect(await visitAction({ tenantId: w.tenant.id, open: false })).toEqual(refusal(85021));
    expect(await visitAction({ tenantId: w.tenant.id, open: true })).toEqual({ ok: true, data: { open: true } });
    expect(value((await board()).visible)).toBe(true);
  });
});

describe("minimum base library", () => {
  it("is set to a listed version", async () => {
    expect(await baseLibraryAction({ tenantId: w.tenant.id, version: "2.33.0" })).toEqual({ ok: true, data: { version: "2.33.0" } });
    expect(value((await board()).baseLibrary).minimum).toBe("2.33.0");
  });

  it("refuses a version the platform does not list, before asking to set it", async () => {
    const before = await upstreamCalls("/cgi-bin/wxopen/setweappsupportversion");
    const result = await baseLibraryAction({ tenantId: w.tenant.id, version: "2.99.0" });
    expect(result).toMatchObject({ ok: false, error: translate("tenant.release.errors.unknownBaseLibrary", { version: "2.99.0" }) });
    expect(await upstreamCalls("/cgi-bin/wxopen/setweappsupportversion")).toBe(before);
    expect(value((await board()).baseLibrary).minimum).toBe("2.33.0");
  });
});

describe("viewers", () => {
  it("cannot call any release action, and nothing reaches the platform", async () => {
    await signInAs("viewer");
    const tenantId = w.tenant.id;
    const before = await allUpstreamCalls();
    const forbidden = { ok: false, error: translate("errors.forbidden") };
    expect(await releaseAction({ tenantId })).toEqual(forbidden);
    expect(await grayAction({ tenantId, percentage: 60, membersFirst: false, testersFirst: false })).toEqual(forbidden);
    expect(await cancelGrayAction({ tenantId })).toEqual(forbidden);
    expect(await rollbackAction({ tenantId })).toEqual(forbidden);
    expect(await visitAction({ tenantId, open: false })).toEqual(forbidden);
    expect(await baseLibraryAction({ tenantId, version: "2.32.3" })).toEqual(forbidden);
    expect(await allUpstreamCalls()).toBe(before);
  });
});
