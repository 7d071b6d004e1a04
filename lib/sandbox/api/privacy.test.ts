import { describe, expect, it } from "vitest";
import { handleSandboxControl } from "../control";
import { updateSettings } from "../settings";
import { DOC_CATEGORIES, ITEM } from "@/scripts/vitest/audit-fixtures";
import { insertTemplate, patchState, sandboxHarness } from "@/scripts/vitest/sandbox";

/**
 * Seed 002: code that calls location APIs must declare them in ext_json `requiredPrivateInfos`; the privacy scan after
 * a commit lists what is missing, and submit_audit answers 61040 unless `privacy_api_not_use: true` is sent.
 */
const sandbox = sandboxHarness();
const PAGES = ["index", "page/logs/logs"];

async function setup(privacyApis: string[]) {
  await updateSettings({ privacyScanMs: 0 });
  const s = await sandbox.authorizerWithToken({ categories: DOC_CATEGORIES });
  const templateId = await insertTemplate(s.platform.componentAppid, { pages: PAGES, privacyApis });
  return { ...s, templateId };
}

const commit = (token: string, templateId: number, ext: object) =>
  sandbox.call("/wxa/commit", { token, body: { template_id: templateId, ext_json: JSON.stringify(ext), user_version: "V1", user_desc: "t" } });
const scan = (token: string) => sandbox.call("/wxa/security/get_code_privacy_info", { token, method: "GET" });
const submit = (token: string, extra: Record<string, unknown> = {}) => sandbox.call("/wxa/submit_audit", { token, body: { item_list: [ITEM], ...extra } });

describe("privacy scan and 61040 (seed 002)", () => {
  it("lists location APIs the code uses but ext_json does not declare, and submit_audit answers 61040", async () => {
    const { token, templateId } = await setup(["getLocation", "chooseLocation"]);
    expect((await commit(token, templateId, { ext: { shop: "a" } })).body.errcode).toBe(0);
    expect((await scan(token)).body).toEqual({ errcode: 0, errmsg: "ok", without_auth_list: [], without_conf_list: ["wx.getLocation", "wx.chooseLocation"] });
    expect((await submit(token)).body.errcode).toBe(61040);
    expect((await submit(token, { privacy_api_not_use: false })).body.errcode).toBe(61040);
  });

  it("accepts the submission when the operator declares the APIs unused (privacy_api_not_use: true)", async () => {
    const { token, templateId } = await setup(["getLocation"]);
    await commit(token, templateId, {});
    const answer = await submit(token, { privacy_api_not_use: true });
    expect(answer.body.errcode).toBe(0);
    expect(typeof answer.body.auditid).toBe("number");
    // A boolean only, like the other typed fields.
    expect((await submit(token, { privacy_api_not_use: "true" })).body.errcode).toBe(47001);
  });

  it("clears once ext_json declares every used API, and the submission goes through", async () => {
    const { token, templateId } = await setup(["getLocation", "chooseLocation"]);
    await commit(token, templateId, { requiredPrivateInfos: ["getLocation"] });
    expect((await scan(token)).body.without_conf_list).toEqual(["wx.chooseLocation"]);
    await commit(token, templateId, { requiredPrivateInfos: ["getLocation", "chooseLocation"] });
    expect((await scan(token)).body).toMatchObject({ without_auth_list: [], without_conf_list: [] });
    expect((await submit(token)).body.errcode).toBe(0);
  });

  it("lists a used API the mini-program holds no permission for (background location, assump.) even when declared: 61040", async () => {
    const { token, templateId } = await setup(["startLocationUpdateBackground", "onLocationChange"]);
    await commit(token, templateId, { requiredPrivateInfos: ["startLocationUpdateBackground", "onLocationChange"] });
    expect((await scan(token)).body).toMatchObject({ without_auth_list: ["wx.startLocationUpdateBackground"], without_conf_list: [] });
    expect((await submit(token)).body.errcode).toBe(61040);
    expect((await submit(token, { privacy_api_not_use: true })).body.errcode).toBe(0);
  });

  it("code that uses no location API needs no declaration", async () => {
    const { token, templateId } = await setup([]);
    await commit(token, templateId, {});
    expect((await scan(token)).body).toMatchObject({ without_auth_list: [], without_conf_list: [] });
    expect((await submit(token)).body.errcode).toBe(0);
  });

  it("answers 61039 before 61040 while the scan runs", async () => {
    const { authorizer, token, templateId } = await setup(["getLocation"]);
    await commit(token, templateId, {});
    await patchState(authorizer.appid, (st) => ({ ...st, trial: { ...st.trial!, scanReadyAt: Date.now() + 60_000 } }));
    expect((await submit(token)).body.errcode).toBe(61039);
  });
});

describe("drafts made through the control surface carry the APIs their code uses", () => {
  it("a draft's privacy_apis reach the template made from it and the scan after a commit", async () => {
    const { platform, token } = await sandbox.authorizerWithToken({ categories: DOC_CATEGORIES });
    await updateSettings({ privacyScanMs: 0 });
    const req = new Request("http://localhost/sandbox/control/drafts", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ component_appid: platform.componentAppid, user_version: "3.0.0", pages: PAGES, privacy_apis: ["chooseLocation"] }),
    });
    const made = await handleSandboxControl(req, ["drafts"], { currentUser: async () => ({ role: "admin" }) });
    expect(made.status).toBe(200);
    const draft = (await made.json()) as { draft_id: number; privacy_apis: string[] };
    expect(draft.privacy_apis).toEqual(["chooseLocation"]);

    const componentToken = await sandbox.componentToken(platform);
    const ctoken = { token: componentToken, tokenParam: "component_access_token" as const };
    expect((await sandbox.call("/wxa/addtotemplate", { ...ctoken, body: { draft_id: draft.draft_id } })).body.errcode).toBe(0);
    const list = await sandbox.call("/wxa/gettemplatelist", { ...ctoken, method: "GET" });
    const template = (list.body.template_list as { template_id: number; draft_id: number }[]).find((t) => t.draft_id === draft.draft_id)!;
    expect(template).toBeTruthy();

    expect((await commit(token, template.template_id, {})).body.errcode).toBe(0);
    expect((await scan(token)).body.without_conf_list).toEqual(["wx.chooseLocation"]);

    const bad = new Request("http://localhost/sandbox/control/drafts", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ user_version: "3.0.1", pages: PAGES, privacy_apis: ["getUserPhone"] }),
    });
    expect((await handleSandboxControl(bad, ["drafts"], { currentUser: async () => ({ role: "admin" }) })).status).toBe(400);
  });
});
