import "server-only";
import { PlatformError, type AuditSubmission, type Category, type TenantAuditOps } from "@/lib/platforms/port";
import type { AuthorizerClient } from "../client";
import type { SubmitAuditInput } from "../schemas/audit";
import type { CategoryItem } from "../schemas/code";
import { auditOf, dateOf, latestOf } from "./shared";

// get_code_privacy_info (and submit_audit) while the scan started by the last commit still runs.
const SCAN_RUNNING = 61039;

const categoryOf = (c: CategoryItem): Category => ({
  first: { id: c.first_id, name: c.first_class },
  second: { id: c.second_id, name: c.second_class },
  third: c.third_id !== undefined && c.third_class ? { id: c.third_id, name: c.third_class } : null,
});

/** The console's submission as submit_audit's body: empty optional texts and lists are left out, not sent empty. */
export function submitAuditBody(s: AuditSubmission): SubmitAuditInput {
  const text = (value: string | null) => (value ? value : undefined);
  const list = (ids: string[]) => (ids.length > 0 ? ids : undefined);
  const preview = list(s.previewPictures) || list(s.previewVideos) ? { pic_id_list: list(s.previewPictures), video_id_list: list(s.previewVideos) } : undefined;
  return {
    item_list: s.items.map((item) => ({
      address: text(item.page),
      tag: item.tags.length > 0 ? item.tags.join(" ") : undefined,
      first_class: item.category.first.name,
      second_class: item.category.second.name,
      third_class: item.category.third?.name,
      first_id: item.category.first.id,
      second_id: item.category.second.id,
      third_id: item.category.third?.id,
      title: text(item.title),
    })),
    version_desc: text(s.versionDesc),
    order_path: text(s.orderPath),
    feedback_info: text(s.feedbackInfo),
    feedback_stuff: s.feedbackMedia.length > 0 ? s.feedbackMedia.join("|") : undefined,
    preview_info: preview,
    ugc_declare: s.ugc
      ? {
          scene: s.ugc.scenes,
          method: s.ugc.methods,
          other_scene_desc: text(s.ugc.otherSceneDesc),
          has_audit_team: s.ugc.hasAuditTeam ? 1 : 0,
          audit_desc: text(s.ugc.auditDesc),
        }
      : undefined,
    privacy_api_not_use: s.privacyApiNotUse || undefined,
  };
}

export function auditOps(client: AuthorizerClient): TenantAuditOps {
  return {
    categories: async () => (await client.getCategory()).category_list.map(categoryOf),
    privacyInfo: async () => {
      try {
        const answer = await client.getCodePrivacyInfo();
        return { scanning: false, withoutPermission: answer.without_auth_list, withoutConfiguration: answer.without_conf_list };
      } catch (error) {
        if (error instanceof PlatformError && error.code === SCAN_RUNNING) return { scanning: true };
        throw error;
      }
    },
    submitAudit: async (submission) => ({ auditid: (await client.submitAudit(submitAuditBody(submission))).auditid }),
    latestAudit: async () => {
      const a = await latestOf(client);
      if (!a) return null;
      return { ...auditOf(Number(a.auditid), a), userVersion: a.user_version || null, submittedAt: dateOf(a.submit_audit_time) };
    },
    // get_auditstatus answers neither the version nor the submission time.
    auditStatus: async (auditid) => ({ ...auditOf(auditid, await client.getAuditStatus({ auditid })), userVersion: null, submittedAt: null }),
    withdrawAudit: async () => void (await client.undoAudit()),
    speedupAudit: async (auditid) => void (await client.speedupAudit({ auditid })),
    auditQuota: async () => {
      const q = await client.queryQuota();
      return { submitsLeft: q.rest, submitLimit: q.limit, speedupsLeft: q.speedup_rest, speedupLimit: q.speedup_limit };
    },
  };
}
