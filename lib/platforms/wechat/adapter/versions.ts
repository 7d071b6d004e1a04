import "server-only";
import type { CodeVersion, TenantVersionOps } from "@/lib/platforms/port";
import type { AuthorizerClient } from "../client";
import { auditStateOf, grayPlanRunning } from "../states";
import { dateOf, latestOf } from "./shared";

export function versionOps(client: AuthorizerClient): TenantVersionOps {
  return {
    /**
     * getversioninfo holds the trial and the live version; the version under audit, and the approved one a running
     * or paused gray plan rolls out, are the newest submission's.
     */
    versions: async () => {
      const [info, latest, plan] = await Promise.all([client.getVersionInfo(), latestOf(client), client.getGrayReleasePlan()]);
      const out: CodeVersion[] = [];
      if (info.exp_info) {
        out.push({ kind: "trial", userVersion: info.exp_info.exp_version, userDesc: info.exp_info.exp_desc, committedAt: dateOf(info.exp_info.exp_time), templateId: null });
      }
      const state = latest ? auditStateOf(latest.status) : "none";
      const submitted = latest && { userVersion: latest.user_version, userDesc: latest.user_desc, committedAt: dateOf(latest.submit_audit_time), templateId: null };
      if (submitted && (state === "auditing" || state === "delayed")) out.push({ kind: "auditing", ...submitted });
      if (submitted && state === "approved" && grayPlanRunning(plan.gray_release_plan.status)) out.push({ kind: "gray", ...submitted });
      if (info.release_info) {
        const r = info.release_info;
        out.push({ kind: "live", userVersion: r.release_version, userDesc: r.release_desc, committedAt: dateOf(r.release_time), templateId: null });
      }
      return out;
    },
    baseLibrary: async () => {
      const answer = await client.getSupportVersion();
      return { minimum: answer.now_version, shares: answer.uv_info.items.map((i) => ({ version: i.version, percentage: i.percentage })) };
    },
    setMinimumBaseLibrary: async (version) => void (await client.setSupportVersion({ version })),
  };
}
