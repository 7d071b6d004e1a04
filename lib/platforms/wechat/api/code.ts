import "server-only";
import type { z } from "zod";
import { okAnswer } from "@/lib/platforms/wechat/schemas/common";
import {
  categoryAnswer,
  changeVisitStatusInput,
  commitInput,
  pageListAnswer,
  trialQrcodeInput,
  versionInfoAnswer,
  visitStatusAnswer,
  type TrialQrcode,
} from "@/lib/platforms/wechat/schemas/code";
import { call, input, type AuthorizerTransport } from "./transport";

/** Code management, first half (reference §4.1): commit, the trial version, categories, visit status, versions. */
export function codeApi(t: AuthorizerTransport) {
  return {
    /**
     * POST /wxa/commit: uploads the template with this authorizer's ext_json as the trial version. Never retried:
     * a commit restarts the privacy scan, and a retry after a lost success would only push submit_audit into 61039.
     */
    commit: async (value: z.input<typeof commitInput>) => {
      const body = input(commitInput, value, "wxa.commit");
      return call(t.send, { method: "POST", path: "/wxa/commit", body, retry: "never", action: "wxa.commit" }, okAnswer);
    },

    /** GET /wxa/get_page: the trial version's pages (audit item addresses must be among them). */
    getPage: () => call(t.send, { method: "GET", path: "/wxa/get_page", action: "wxa.get_page" }, pageListAnswer),

    /**
     * GET /wxa/get_qrcode[?path=…]: the trial version's QR code as JPEG bytes. `path` is urlencoded once by the
     * query builder, as the document asks (`page%2Findex%3Faction%3D1`).
     */
    getTrialQrcode: async (value: z.input<typeof trialQrcodeInput> = {}): Promise<TrialQrcode> => {
      const { path } = input(trialQrcodeInput, value, "wxa.get_qrcode");
      const answer = await t.send({ method: "GET", path: "/wxa/get_qrcode", query: { path }, expect: "binary", action: "wxa.get_qrcode" });
      return answer as TrialQrcode;
    },

    /** GET /wxa/get_category: the authorizer's categories, as submit_audit items must name them. */
    getCategory: () => call(t.send, { method: "GET", path: "/wxa/get_category", action: "wxa.get_category" }, categoryAnswer),

    /** POST /wxa/change_visitstatus {action: open|close}. */
    changeVisitStatus: async (value: z.input<typeof changeVisitStatusInput>) => {
      const body = input(changeVisitStatusInput, value, "wxa.change_visitstatus");
      return call(t.send, { method: "POST", path: "/wxa/change_visitstatus", body, action: "wxa.change_visitstatus" }, okAnswer);
    },

    /** POST /wxa/getvisitstatus: the platform insists on a `{}` body (44002 without). */
    getVisitStatus: () => call(t.send, { method: "POST", path: "/wxa/getvisitstatus", body: {}, action: "wxa.getvisitstatus" }, visitStatusAnswer),

    /** POST /wxa/getversioninfo `{}`: the trial (exp_info) and online (release_info) versions, each when present. */
    getVersionInfo: () => call(t.send, { method: "POST", path: "/wxa/getversioninfo", body: {}, action: "wxa.getversioninfo" }, versionInfoAnswer),
  };
}
