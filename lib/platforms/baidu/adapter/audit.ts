import "server-only";
import type { Audit, AuditSubmission, TenantAuditOps } from "@/lib/platforms/port";
import { unsupported } from "../baidu-error";
import type { AppClient } from "../client";
import type { BaiduPackage } from "../schemas";
import { auditStateOfPackage, baiduTimeOf, PACKAGE_STATUS } from "../states";
import { packageIdOf, slotsOf, uploaded } from "./shared";

/**
 * A submission in Baidu's words. submitaudit takes `content` (the audit description) and `remark` (a note), both
 * required: content ← versionDesc (else the package's own description, else its version), remark ← feedbackInfo
 * (the note to the reviewers; else the version). Baidu has no per-page items, categories, UGC declaration, preview
 * media or privacy confirmation: those parts of the submission are not sent.
 */
export function submitAuditParams(s: AuditSubmission, pkg: BaiduPackage): { content: string; remark: string } {
  return {
    content: s.versionDesc || pkg.version_desc || pkg.version || "-",
    remark: s.feedbackInfo || pkg.version || "-",
  };
}

/** A submitted package as an audit: its id is the audit's id; a reason only with a failure (the package's `msg`). */
export function auditOfPackage(p: BaiduPackage): Audit | null {
  const state = auditStateOfPackage(p.status);
  if (!state || p.package_id === undefined) return null;
  return {
    auditid: p.package_id,
    state,
    reason: state === "rejected" ? p.msg || null : null,
    screenshots: [],
    userVersion: p.version || null,
    submittedAt: baiduTimeOf(p.commit_time),
  };
}

const NO_DEVELOPMENT = {
  "zh-CN": "没有可提交审核的开发版本代码包（或仍在上传中）。",
  en: "There is no development package to submit (or it is still uploading).",
};
const NOTHING_UNDER_AUDIT = { "zh-CN": "没有审核中的代码包。", en: "No package is under audit." };

export function auditOps(client: AppClient): TenantAuditOps {
  return {
    // Baidu's submission names no categories or pages.
    categories: async () => {
      throw unsupported("categories");
    },
    privacyInfo: async () => {
      throw unsupported("privacyInfo");
    },
    /** The development package submitted; the audit's id is its package_id (submitaudit answers none). */
    submitAudit: async (submission) => {
      const { development } = await slotsOf(client);
      const dev = uploaded(development) ? development : null;
      const packageId = packageIdOf(dev, "submitAudit", NO_DEVELOPMENT);
      await client.submitAudit({ package_id: packageId, ...submitAuditParams(submission, dev!) });
      return { auditid: packageId };
    },
    /**
     * The audit slot's package (under audit, failed, or passed and not yet released); null when the slot is empty.
     * A release moves the passed package to the online slot and empties the audit slot: the online package is no
     * audit waiting for anything, so it is not reported as "approved" (the Release card and the release job's
     * preflight would offer a release the platform then refuses). The decided audit stays in the console's history
     * (tenant_audits); `auditStatus(package_id)` still says a released package passed.
     */
    latestAudit: async () => {
      const { audit } = await slotsOf(client);
      return audit ? auditOfPackage(audit) : null;
    },
    /** The submitted package by its id: back in development means the audit was withdrawn. */
    auditStatus: async (auditid) => {
      const pkg = await client.getPackageDetail({ package_id: auditid });
      const audit = auditOfPackage({ ...pkg, package_id: pkg.package_id ?? auditid });
      if (!audit) throw new Error(`package ${auditid} has an unknown status ${String(pkg.status)}`);
      return audit;
    },
    withdrawAudit: async () => {
      const { audit } = await slotsOf(client);
      const pkg = audit?.status === PACKAGE_STATUS.auditing ? audit : null;
      await client.withdraw({ package_id: packageIdOf(pkg, "withdrawAudit", NOTHING_UNDER_AUDIT) });
    },
    speedupAudit: async () => {
      throw unsupported("speedupAudit");
    },
    /** package/auditquota: the submissions allowed and left; Baidu has no speed-ups. */
    auditQuota: async () => {
      const q = await client.getAuditQuota();
      return { submitsLeft: q.remain_times, submitLimit: q.quota_times, speedupsLeft: 0, speedupLimit: 0 };
    },
  };
}
