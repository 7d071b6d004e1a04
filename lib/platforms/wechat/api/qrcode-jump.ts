import "server-only";
import type { z } from "zod";
import { okAnswer } from "@/lib/platforms/wechat/schemas/common";
import { qrcodeJumpAddInput, qrcodeJumpDownloadAnswer, qrcodeJumpGetAnswer, qrcodeJumpPrefixInput } from "@/lib/platforms/wechat/schemas/qrcode-jump";
import { call, input, type AuthorizerTransport } from "./transport";

/** QR-code jump rules (reference §5). The platform limits these to 5 requests a second (44990). */
export function qrcodeJumpApi(t: AuthorizerTransport) {
  const prefixCall = (path: string, action: string) => async (value: z.input<typeof qrcodeJumpPrefixInput>) => {
    const body = input(qrcodeJumpPrefixInput, value, action);
    return call(t.send, { method: "POST", path, body, action }, okAnswer);
  };
  return {
    /** POST /cgi-bin/wxopen/qrcodejumpadd: add (is_edit 0) or edit an unpublished rule (is_edit 1). */
    qrcodeJumpAdd: async (value: z.input<typeof qrcodeJumpAddInput>) => {
      const body = input(qrcodeJumpAddInput, value, "wxopen.qrcodejumpadd");
      return call(t.send, { method: "POST", path: "/cgi-bin/wxopen/qrcodejumpadd", body, action: "wxopen.qrcodejumpadd" }, okAnswer);
    },

    /** POST /cgi-bin/wxopen/qrcodejumpget `{}`: the rules, whether the feature is on, publishes left this month. */
    qrcodeJumpGet: () =>
      call(t.send, { method: "POST", path: "/cgi-bin/wxopen/qrcodejumpget", body: {}, action: "wxopen.qrcodejumpget" }, qrcodeJumpGetAnswer),

    /** POST /cgi-bin/wxopen/qrcodejumpdownload `{}`: the verification file to host under the prefix. */
    qrcodeJumpDownload: () =>
      call(t.send, { method: "POST", path: "/cgi-bin/wxopen/qrcodejumpdownload", body: {}, action: "wxopen.qrcodejumpdownload" }, qrcodeJumpDownloadAnswer),

    /** POST /cgi-bin/wxopen/qrcodejumpdelete {prefix}. */
    qrcodeJumpDelete: prefixCall("/cgi-bin/wxopen/qrcodejumpdelete", "wxopen.qrcodejumpdelete"),

    /** POST /cgi-bin/wxopen/qrcodejumppublish {prefix}: needs a released version; 100 publishes a month. */
    qrcodeJumpPublish: prefixCall("/cgi-bin/wxopen/qrcodejumppublish", "wxopen.qrcodejumppublish"),
  };
}
