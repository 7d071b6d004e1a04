import "server-only";
import { okAnswer } from "@/lib/platforms/wechat/schemas/common";
import {
  authorizerAppidInput,
  authorizerInfoAnswer,
  authorizerListAnswer,
  authorizerListInput,
  authorizerOptionAnswer,
  getAuthorizerOptionInput,
  preAuthCodeAnswer,
  queryAuthAnswer,
  queryAuthInput,
  setAuthorizerOptionInput,
} from "@/lib/platforms/wechat/schemas/auth";
import type { z } from "zod";
import { call, input, type ComponentTransport } from "./transport";

/**
 * Authorization family (reference §1.2–§1.3), the platform's own token. api_component_token and
 * api_authorizer_token are not here: the token authority (lib/platforms/wechat/tokens.ts) is their only caller.
 */
export function authApi(t: ComponentTransport) {
  const component = { component_appid: t.componentAppid };
  return {
    /** POST /cgi-bin/component/api_create_preauthcode → pre_auth_code for one authorization page visit. */
    createPreAuthCode: () =>
      call(
        t.send,
        { method: "POST", path: "/cgi-bin/component/api_create_preauthcode", body: component, action: "component.api_create_preauthcode" },
        preAuthCodeAnswer,
      ),

    /**
     * POST /cgi-bin/component/api_query_auth: exchanges the authorization code. The answer carries the authorizer's
     * refresh token, which the caller must store (encrypted) on the tenant: it is shown only here and in refreshes.
     * A transient retry is harmless: if the lost attempt did consume the single-use code, the retry answers 61009.
     */
    queryAuth: async (value: z.input<typeof queryAuthInput>) => {
      const body = input(queryAuthInput, value, "component.api_query_auth");
      return call(
        t.send,
        { method: "POST", path: "/cgi-bin/component/api_query_auth", body: { ...component, ...body }, action: "component.api_query_auth" },
        queryAuthAnswer,
      );
    },

    /** POST /cgi-bin/component/api_get_authorizer_info: names, avatar, account type, granted permission sets. */
    getAuthorizerInfo: async (value: z.input<typeof authorizerAppidInput>) => {
      const body = input(authorizerAppidInput, value, "component.api_get_authorizer_info");
      return call(
        t.send,
        { method: "POST", path: "/cgi-bin/component/api_get_authorizer_info", body: { ...component, ...body }, action: "component.api_get_authorizer_info" },
        authorizerInfoAnswer,
      );
    },

    /** POST /cgi-bin/component/api_get_authorizer_list: one page (count ≤ 500) of authorizers with refresh tokens. */
    getAuthorizerList: async (value: z.input<typeof authorizerListInput>) => {
      const body = input(authorizerListInput, value, "component.api_get_authorizer_list");
      return call(
        t.send,
        { method: "POST", path: "/cgi-bin/component/api_get_authorizer_list", body: { ...component, ...body }, action: "component.api_get_authorizer_list" },
        authorizerListAnswer,
      );
    },

    /** POST /cgi-bin/component/get_authorizer_option (the new path; the old one had an `api_` prefix). */
    getAuthorizerOption: async (value: z.input<typeof getAuthorizerOptionInput>) => {
      const body = input(getAuthorizerOptionInput, value, "component.get_authorizer_option");
      return call(
        t.send,
        { method: "POST", path: "/cgi-bin/component/get_authorizer_option", body: { ...component, ...body }, action: "component.get_authorizer_option" },
        authorizerOptionAnswer,
      );
    },

    /** POST /cgi-bin/component/set_authorizer_option. */
    setAuthorizerOption: async (value: z.input<typeof setAuthorizerOptionInput>) => {
      const body = input(setAuthorizerOptionInput, value, "component.set_authorizer_option");
      return call(
        t.send,
        { method: "POST", path: "/cgi-bin/component/set_authorizer_option", body: { ...component, ...body }, action: "component.set_authorizer_option" },
        okAnswer,
      );
    },

    /** POST /cgi-bin/component/api_start_push_ticket (secret, no token): asks for a verify ticket push now. */
    startPushTicket: () =>
      call(
        t.sendWithoutToken,
        {
          method: "POST",
          path: "/cgi-bin/component/api_start_push_ticket",
          body: { component_appid: t.componentAppid, component_secret: t.secret() },
          action: "component.api_start_push_ticket",
        },
        okAnswer,
      ),
  };
}
