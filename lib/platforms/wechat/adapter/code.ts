import "server-only";
import type { TenantCodeOps } from "@/lib/platforms/port";
import type { AuthorizerClient } from "../client";

export function codeOps(client: AuthorizerClient): TenantCodeOps {
  return {
    commit: async ({ templateId, extJson, userVersion, userDesc }) => {
      await client.commit({ template_id: templateId, ext_json: extJson, user_version: userVersion, user_desc: userDesc });
    },
    pages: async () => (await client.getPage()).page_list,
  };
}
