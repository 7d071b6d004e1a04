import "server-only";
import type { CodeVersion, TenantVersionOps } from "@/lib/platforms/port";
import { unsupported } from "../baidu-error";
import type { AppClient } from "../client";
import type { BaiduPackage } from "../schemas";
import { baiduTimeOf, PACKAGE_STATUS } from "../states";
import { slotsOf, uploaded } from "./shared";

const versionOf = (kind: CodeVersion["kind"], p: BaiduPackage): CodeVersion => ({
  kind,
  userVersion: p.version,
  userDesc: p.version_desc,
  committedAt: baiduTimeOf(p.commit_time),
  templateId: null,
});

export function versionOps(client: AppClient): TenantVersionOps {
  return {
    /**
     * The development package (once uploaded) is the trial, the one under audit is auditing, the online one (also
     * while rolling back) is live. A failed or passed audit package is no version of its own (latestAudit tells it);
     * Baidu has no gray versions.
     */
    versions: async () => {
      const { development, audit, online } = await slotsOf(client);
      const out: CodeVersion[] = [];
      if (uploaded(development)) out.push(versionOf("trial", development));
      if (audit?.status === PACKAGE_STATUS.auditing) out.push(versionOf("auditing", audit));
      if (online) out.push(versionOf("live", online));
      return out;
    },
    baseLibrary: async () => {
      throw unsupported("baseLibrary");
    },
    setMinimumBaseLibrary: async () => {
      throw unsupported("setMinimumBaseLibrary");
    },
  };
}
