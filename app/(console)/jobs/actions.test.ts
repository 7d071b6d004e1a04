import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { inLocale, signInAs, translate } from "@/scripts/vitest/actions";
import { cancelJobAction, pauseJobAction, preflightJobAction, resumeJobAction, retryFailedAction, startJobAction } from "./actions";

vi.mock("@/lib/auth/session", async () => (await import("@/scripts/vitest/actions")).sessionModule);
vi.mock("next-intl/server", async () => (await import("@/scripts/vitest/actions")).intlServerModule);

/**
 * The bulk-job actions' gate: who may act, and what comes back for bad input, before the engine (lib/jobs) is asked
 * anything. What the engine does with good input is tested with the engine.
 */

const selection = { tenantIds: [randomUUID(), randomUUID()] };
const commit = { templateId: 7, userVersion: "1.0.0", userDesc: "", extJson: "{}" };
const jobId = randomUUID();

beforeEach(() => inLocale("en"));

describe("roles", () => {
  it("refuses a viewer every change: start, preflight, pause, resume, cancel, retry", async () => {
    await signInAs("viewer");
    const forbidden = { ok: false, error: translate("errors.forbidden") };
    expect(await startJobAction({ kind: "commit", params: commit, selection })).toEqual(forbidden);
    expect(await preflightJobAction({ kind: "commit", params: commit, selection })).toEqual(forbidden);
    expect(await pauseJobAction({ jobId })).toEqual(forbidden);
    expect(await resumeJobAction({ jobId })).toEqual(forbidden);
    expect(await cancelJobAction({ jobId })).toEqual(forbidden);
    expect(await retryFailedAction({ jobId })).toEqual(forbidden);
  });

  it("refuses someone signed out, before looking at the input", async () => {
    await signInAs(null);
    const signedOut = { ok: false, error: translate("errors.signedOut") };
    expect(await startJobAction({ kind: "release", params: {}, selection })).toEqual(signedOut);
    expect(await cancelJobAction({ jobId: "not-a-uuid" })).toEqual(signedOut);
  });

  it("checks the role before the input: a viewer's malformed request is refused, not corrected", async () => {
    await signInAs("viewer");
    const answer = await startJobAction({ kind: "commit", params: {}, selection: { tenantIds: [] } });
    expect(answer).toEqual({ ok: false, error: translate("errors.forbidden") });
  });
});

describe("validation next to the field", () => {
  beforeEach(async () => {
    await signInAs("operator");
  });

  it("names each commit field at fault", async () => {
    const answer = await startJobAction({ kind: "commit", params: { templateId: "", userVersion: "x".repeat(65), extJson: "{}" }, selection });
    expect(answer).toMatchObject({ ok: false, error: translate("errors.invalidInput") });
    if (answer.ok) throw new Error("expected a refusal");
    expect(answer.fieldErrors).toEqual({
      templateId: [translate("validation.required")],
      userVersion: [translate("validation.tooLong")],
    });
  });

  it("names a pipeline's nested fields by their path, in the operator's language", async () => {
    inLocale("zh-CN");
    const params = { commit: { ...commit, templateId: 0 }, submit: { profileId: "nope" }, waitAudit: false, after: "release" };
    const answer = await preflightJobAction({ kind: "pipeline", params, selection });
    if (answer.ok) throw new Error("expected a refusal");
    expect(answer.error).toBe(translate("errors.invalidInput"));
    expect(answer.fieldErrors).toEqual({
      "commit.templateId": [translate("validation.required")],
      "submit.profileId": [translate("validation.required")],
      waitAudit: [translate("validation.invalid")],
    });
  });

  it("refuses a gray percentage out of range and a malformed base library version", async () => {
    const gray = await startJobAction({ kind: "gray", params: { percentage: 101 }, selection });
    expect(gray).toMatchObject({ ok: false, fieldErrors: { percentage: [translate("validation.invalid")] } });
    const base = await startJobAction({ kind: "base_library", params: { version: "2.x" }, selection });
    expect(base).toMatchObject({ ok: false, fieldErrors: { version: [translate("validation.invalid")] } });
  });

  it("refuses an empty pick, an unknown kind and a malformed job id as field errors", async () => {
    const empty = await startJobAction({ kind: "release", params: {}, selection: { tenantIds: [] } });
    expect(empty).toMatchObject({ ok: false, fieldErrors: { selection: [expect.any(String)] } });
    const kind = await startJobAction({ kind: "explode" as never, params: {}, selection });
    expect(kind).toMatchObject({ ok: false, fieldErrors: { kind: [translate("validation.invalid")] } });
    const quota = await startJobAction({ kind: "release", params: {}, selection, quotaChoice: { firstN: -1 } });
    expect(quota).toMatchObject({ ok: false, fieldErrors: { quotaChoice: [expect.any(String)] } });
    for (const action of [pauseJobAction, resumeJobAction, cancelJobAction, retryFailedAction]) {
      expect(await action({ jobId: "42" })).toEqual({ ok: false, error: translate("errors.invalidInput"), fieldErrors: { jobId: [translate("validation.invalid")] } });
    }
  });
});
