import "server-only";
import type { z } from "zod";
import { okAnswer } from "@/lib/platforms/wechat/schemas/common";
import { codePrivacyInfoAnswer, setSupportVersionInput, supportVersionAnswer } from "@/lib/platforms/wechat/schemas/code";
import { call, input, type AuthorizerTransport } from "./transport";

/** Minimum base library and the privacy scan of the committed code (reference §4.1). */
export function supportApi(t: AuthorizerTransport) {
  return {
    /** POST /cgi-bin/wxopen/getweappsupportversion `{}`: current minimum and the usage share of each version. */
    getSupportVersion: () =>
      call(
        t.send,
        { method: "POST", path: "/cgi-bin/wxopen/getweappsupportversion", body: {}, action: "wxopen.getweappsupportversion" },
        supportVersionAnswer,
      ),

    /** POST /cgi-bin/wxopen/setweappsupportversion {version} (89014 for an unpublished version). */
    setSupportVersion: async (value: z.input<typeof setSupportVersionInput>) => {
      const body = input(setSupportVersionInput, value, "wxopen.setweappsupportversion");
      return call(t.send, { method: "POST", path: "/cgi-bin/wxopen/setweappsupportversion", body, action: "wxopen.setweappsupportversion" }, okAnswer);
    },

    /**
     * GET /wxa/security/get_code_privacy_info: privacy APIs the committed code uses without authorization or
     * configuration. Answers 61039 while the scan started by the last commit runs (retry later, not now).
     */
    getCodePrivacyInfo: () =>
      call(t.send, { method: "GET", path: "/wxa/security/get_code_privacy_info", action: "wxa.get_code_privacy_info" }, codePrivacyInfoAnswer),
  };
}
