import "server-only";
import type { TenantCodeOps } from "@/lib/platforms/port";
import type { AuthorizerClient } from "../client";

export function codeOps(client: AuthorizerClient): TenantCodeOps {
  return {
    commit: async ({ templateId, extJson, userVersion, userDesc }) => {
      await client.commit({ template_id: templateId, ext_json: extJson, user_version: userVersion, user_desc: userDesc });
    },
    // WeChat's commit has landed once it answers: the trial version is there or there is none.
    commitStatus: async () => {
      const { exp_info } = await client.getVersionInfo();
      return exp_info ? { state: "ready", userVersion: exp_info.exp_version } : { state: "none" };
    },
    pages: async () => (await client.getPage()).page_list,
  };
}
