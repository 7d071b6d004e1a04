import { describe, expect, it } from "vitest";
import { createDraft, defaultDevAppid, listDrafts } from "./drafts";
import { createPlatform } from "./registry";
import { sandboxHarness } from "@/scripts/vitest/sandbox";

const sandbox = sandboxHarness();

async function platformAndToken() {
  const platform = await sandbox.platformWithTicket();
  return { componentAppid: platform.componentAppid, token: await sandbox.componentToken(platform) };
}

const upload = (userVersion: string, sourceMiniprogramAppid?: string) =>
  ({ userVersion, userDesc: `desc ${userVersion}`, pages: ["pages/index/index", "pages/me/me"], sourceMiniprogramAppid });

describe("createDraft (a devtools upload)", () => {
  it("keeps one draft per 开发小程序: a newer upload from the same source replaces it with a new draft_id", async () => {
    const { componentAppid, token } = await platformAndToken();
    const first = await createDraft(componentAppid, upload("1.0.0", "wxdev0000000000001"));
    const other = await createDraft(componentAppid, upload("9.0.0", "wxdev0000000000002"));
    const second = await createDraft(componentAppid, { ...upload("1.0.1", "wxdev0000000000001"), developer: "alice", sourceMiniprogram: "Dev One" });

    expect(second.draftId).not.toBe(first.draftId);
    const drafts = await listDrafts(componentAppid);
    expect(drafts.map((d) => [d.draftId, d.userVersion, d.sourceMiniprogramAppid])).toEqual([
      [other.draftId, "9.0.0", "wxdev0000000000002"],
      [second.draftId, "1.0.1", "wxdev0000000000001"],
    ]);
    expect(drafts[1]).toMatchObject({ developer: "alice", sourceMiniprogram: "Dev One", pages: ["pages/index/index", "pages/me/me"] });

    // The platform sees the same thing through the API: the replaced draft is gone.
    const { body } = await sandbox.call("/wxa/gettemplatedraftlist", { method: "GET", token });
    const list = body.draft_list as { draft_id: number }[];
    expect(list.map((d) => d.draft_id)).toEqual([other.draftId, second.draftId]);
  });

  it("without a source appid, uploads come from the platform's one default dev mini-program and replace each other", async () => {
    const { componentAppid } = await createPlatform();
    const { componentAppid: otherPlatform } = await createPlatform();
    await createDraft(componentAppid, upload("1.0.0"));
    const latest = await createDraft(componentAppid, upload("1.0.1"));
    await createDraft(otherPlatform, upload("5.0.0"));
    expect(latest.sourceMiniprogramAppid).toBe(defaultDevAppid(componentAppid));
    expect(latest.sourceMiniprogramAppid).toMatch(/^wx[0-9a-f]{16}$/);
    expect(defaultDevAppid(otherPlatform)).not.toBe(latest.sourceMiniprogramAppid);
    expect((await listDrafts(componentAppid)).map((d) => d.userVersion)).toEqual(["1.0.1"]);
    // Drafts are per platform: the other platform's upload did not replace this one.
    expect((await listDrafts(otherPlatform)).map((d) => d.userVersion)).toEqual(["5.0.0"]);
  });

  it("concurrent uploads from one source still leave exactly one draft", async () => {
    const { componentAppid } = await createPlatform();
    const made = await Promise.all(Array.from({ length: 8 }, (_, i) => createDraft(componentAppid, upload(`2.0.${i}`, "wxdev0000000000003"))));
    const drafts = await listDrafts(componentAppid);
    expect(drafts).toHaveLength(1);
    expect(made.map((d) => d.draftId)).toContain(drafts[0]!.draftId);
  });

  it("refuses an unknown platform and an empty version, and de-duplicates pages", async () => {
    await expect(createDraft("wx_no_such_platform", upload("1.0.0"))).rejects.toThrow(/not found/);
    const { componentAppid } = await createPlatform();
    await expect(createDraft(componentAppid, upload("  "))).rejects.toThrow(/userVersion/);
    const d = await createDraft(componentAppid, { userVersion: "1", userDesc: "", pages: ["pages/a", "pages/a", "pages/b"] });
    expect(d.pages).toEqual(["pages/a", "pages/b"]);
  });
});
