import "server-only";
import type { z } from "zod";
import { okAnswer } from "@/lib/platforms/wechat/schemas/common";
import { clearQuotaV2Input } from "@/lib/platforms/wechat/schemas/quota";
import { call, input, type AuthorizerTransport, type ComponentTransport } from "./transport";

/**
 * clear_quota variants (reference §7.3). Each account has 10 clears a month in total across all of them (48006);
 * nothing calls these automatically.
 */
export function componentQuotaApi(t: ComponentTransport) {
  return {
    /** POST /cgi-bin/clear_quota {appid: the platform} with the component token: the platform's own API counts. */
    clearQuota: () =>
      call(t.send, { method: "POST", path: "/cgi-bin/clear_quota", body: { appid: t.componentAppid }, action: "cgi.clear_quota" }, okAnswer),

    /**
     * POST /cgi-bin/component/clear_quota/v2 (secret, no token): works when the token APIs themselves are out of
     * quota. Without `appid` it clears the platform, with one an authorized mini-program.
     */
    clearQuotaV2: async (value: z.input<typeof clearQuotaV2Input> = {}) => {
      const { appid } = input(clearQuotaV2Input, value, "component.clear_quota_v2");
      return call(
        t.sendWithoutToken,
        {
          method: "POST",
          path: "/cgi-bin/component/clear_quota/v2",
          body: { component_appid: t.componentAppid, appsecret: t.secret(), ...(appid ? { appid } : {}) },
          action: "component.clear_quota_v2",
        },
        okAnswer,
      );
    },

    /** POST /cgi-bin/component/clear_quota {component_appid}: the legacy form many SDKs still use. */
    clearComponentQuota: () =>
      call(
        t.send,
        { method: "POST", path: "/cgi-bin/component/clear_quota", body: { component_appid: t.componentAppid }, action: "component.clear_quota" },
        okAnswer,
      ),
  };
}

export function authorizerQuotaApi(t: AuthorizerTransport) {
  return {
    /** POST /cgi-bin/clear_quota {appid} with the authorizer token: this mini-program's API counts. */
    clearQuota: () => call(t.send, { method: "POST", path: "/cgi-bin/clear_quota", body: { appid: t.appid }, action: "cgi.clear_quota" }, okAnswer),
  };
}
