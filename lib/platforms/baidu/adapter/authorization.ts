import "server-only";
import { and, eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { tenants, type PlatformAccount } from "@/lib/db/schema";
import type { AccountAuthorizationOps, CallContext, TenantInfo } from "@/lib/platforms/port";
import { BaiduLocalRefusal, unsupported } from "../baidu-error";
import { baiduAuthorizationUrl, getAppClient, type TpClient } from "../client";
import type { appInfoData } from "../schemas";
import type { z } from "zod";

/** Baidu's pre-auth code lives 20 minutes (reference §8.2) when the answer does not say. */
const PRE_AUTH_SECONDS = 1200;

/** app/info in the console's words. Baidu has no gh_ id, account type or numbered permission sets. */
export const tenantInfoOf = (info: z.output<typeof appInfoData>): TenantInfo => ({
  appid: String(info.app_id),
  nickname: info.app_name,
  principalName: info.qualification?.name ?? "",
  avatarUrl: info.photo_addr || null,
  originalId: null,
  serviceType: null,
  permissionSets: [],
});

export function authorizationOps(account: PlatformAccount, client: TpClient, context: CallContext): AccountAuthorizationOps {
  return {
    /** One pre-auth code; Baidu's page is the same on PC and mobile. `authType` has no Baidu counterpart. */
    authorizationLinks: async ({ redirectUri }) => {
      baiduAuthorizationUrl(account, "check", redirectUri); // a link that cannot come back is refused before a code is spent
      const { pre_auth_code, expires_in } = await client.createPreAuthCode();
      const url = baiduAuthorizationUrl(account, pre_auth_code, redirectUri);
      return { pcUrl: url, h5Url: url, expiresIn: expires_in ?? PRE_AUTH_SECONDS };
    },
    /** app/info needs the smart program's own token: only for a tenant the console already holds a grant of. */
    tenantInfo: async (appid) => {
      const [tenant] = await db.select().from(tenants).where(and(eq(tenants.accountId, account.id), eq(tenants.appid, appid)));
      if (!tenant) {
        throw new BaiduLocalRefusal("tenantInfo", "state", {
          "zh-CN": "该百度小程序尚未授权给本平台：请先完成授权。",
          en: "This Baidu smart program has no grant here yet: complete its authorization first.",
        });
      }
      return tenantInfoOf(await getAppClient(tenant, context).appInfo());
    },
    // Baidu lists no grants: a lost one is recovered one smart program at a time (tokens.ts recoverGrant).
    grants: async () => {
      throw unsupported("grants");
    },
  };
}
