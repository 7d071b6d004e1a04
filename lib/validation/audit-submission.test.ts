import { describe, expect, it } from "vitest";
import { submitAuditBody } from "@/lib/platforms/wechat/adapter/audit";
import { submitAuditInput } from "@/lib/platforms/wechat/schemas/audit";
import { draftIssues, emptyDraft, submissionOf, tagsIssue, titleIssue, type AuditDraft } from "./audit-submission";

const news = { first: { id: 1, name: "文娱" }, second: { id: 2, name: "资讯" }, third: null };
const draft = (over: Partial<AuditDraft> = {}): AuditDraft => ({ ...emptyDraft(), items: [{ page: "index", category: news, tags: "a b", title: "首页" }], ...over });

describe("audit draft checks (shared by the form and the server)", () => {
  it("counts titles in characters: 32 Chinese characters pass, 33 do not", () => {
    expect(titleIssue("标".repeat(32))).toBeNull();
    expect(titleIssue("标".repeat(33))).toEqual({ rule: "tooLong", limit: 32 });
  });

  it("allows 10 tags of 20 characters, not 11 tags nor a 21-character tag", () => {
    expect(tagsIssue(Array.from({ length: 10 }, () => "字".repeat(20)).join(" "))).toBeNull();
    expect(tagsIssue(Array.from({ length: 11 }, (_, i) => `t${i}`).join("  "))).toEqual({ rule: "tooMany", limit: 10 });
    expect(tagsIssue("x".repeat(21))).toEqual({ rule: "tooLong", limit: 20 });
  });

  it("wants 1 to 5 items, each with a category, and feedback of at most 200 characters", () => {
    expect(draftIssues(draft())).toEqual({});
    expect(draftIssues(draft({ items: [] }))).toEqual({ items: { rule: "tooFew", limit: 1 } });
    expect(draftIssues(draft({ items: Array.from({ length: 6 }, () => draft().items[0]!) }))).toEqual({ items: { rule: "tooMany", limit: 5 } });
    expect(draftIssues(draft({ items: [{ page: "", category: null, tags: "", title: "" }] }))).toEqual({ "items.0.category": { rule: "required" } });
    expect(draftIssues(draft({ feedbackInfo: "字".repeat(201) }))).toEqual({ feedbackInfo: { rule: "tooLong", limit: 200 } });
  });

  it("becomes the body submit_audit documents, accepted by the client's own schema, empty fields left out", () => {
    const body = submitAuditBody(submissionOf(draft({ versionDesc: "v1", privacyApiNotUse: true, ugc: { scenes: [2, 4], otherSceneDesc: "", methods: [3], hasAuditTeam: true, auditDesc: "" } })));
    expect(body).toEqual({
      item_list: [{ address: "index", tag: "a b", first_class: "文娱", second_class: "资讯", first_id: 1, second_id: 2, title: "首页" }],
      version_desc: "v1",
      ugc_declare: { scene: [2, 4], method: [3], has_audit_team: 1 },
      privacy_api_not_use: true,
    });
    expect(submitAuditInput.safeParse(JSON.parse(JSON.stringify(body))).success).toBe(true);
  });
});
