import "server-only";
import type { AccountAuthorizationOps } from "@/lib/platforms/port";
import type { ComponentClient } from "../client";
import { permissionSetsOf } from "../schemas/auth";

export function authorizationOps(client: ComponentClient): AccountAuthorizationOps {
  return {
    authorizationLinks: async ({ redirectUri, authType }) => {
      const link = (pre_auth_code: string, variant: "pc" | "h5") => client.authorizationUrl({ pre_auth_code, redirect_uri: redirectUri, auth_type: authType, variant });
      // A link that cannot come back (the real page refuses a non-https redirect) is refused before a code is spent.
      link("check", "pc");
      const { pre_auth_code, expires_in } = await client.createPreAuthCode();
      return { pcUrl: link(pre_auth_code, "pc"), h5Url: link(pre_auth_code, "h5"), expiresIn: expires_in };
    },
    tenantInfo: async (appid) => {
      const info = await client.getAuthorizerInfo({ authorizer_appid: appid });
      const a = info.authorizer_info;
      return {
        appid,
        nickname: a.nick_name,
        principalName: a.principal_name,
        avatarUrl: a.head_img || null,
        originalId: a.user_name ?? null,
        serviceType: a.service_type_info?.id ?? null,
        permissionSets: permissionSetsOf(info.authorization_info.func_info),
      };
    },
    grants: async ({ offset, count }) => {
      const page = await client.getAuthorizerList({ offset, count });
      return { total: page.total_count, grants: page.list.map((item) => ({ appid: item.authorizer_appid, grant: item.refresh_token })) };
    },
  };
}
