import { charCount } from "@/lib/platforms/wechat/schemas/common";
import type { AuditDraft, DraftIssues } from "./audit-submission";

/**
 * A submission that is a text, for platforms without per-page items (Baidu's submitaudit: `content`, the audit
 * description, and `remark`, a note; the console's versionDesc and feedbackInfo). Pure: the form and the server
 * check the same. Baidu's document gives both as required strings and no length: the bound here is the console's
 * own (a description is a paragraph, not a file), not a documented one.
 */
export const AUDIT_TEXT_MAX_CHARS = 500;

/** Every problem of a text submission, keyed like draftIssues (`versionDesc`, `feedbackInfo`); empty when it may be submitted. */
export function textDraftIssues(draft: Pick<AuditDraft, "versionDesc" | "feedbackInfo">): DraftIssues {
  const issues: DraftIssues = {};
  if (!draft.versionDesc.trim()) issues.versionDesc = { rule: "required" };
  else if (charCount(draft.versionDesc.trim()) > AUDIT_TEXT_MAX_CHARS) issues.versionDesc = { rule: "tooLong", limit: AUDIT_TEXT_MAX_CHARS };
  if (charCount(draft.feedbackInfo.trim()) > AUDIT_TEXT_MAX_CHARS) issues.feedbackInfo = { rule: "tooLong", limit: AUDIT_TEXT_MAX_CHARS };
  return issues;
}
