import "server-only";
import type { z } from "zod";
import { okAnswer } from "@/lib/platforms/wechat/schemas/common";
import { grayReleaseInput, grayReleasePlanAnswer, historyVersionsAnswer, revertCodeReleaseInput } from "@/lib/platforms/wechat/schemas/release";
import { call, input, type AuthorizerTransport } from "./transport";

/** Release family (reference §4.1, §4.5–§4.6). */
export function releaseApi(t: AuthorizerTransport) {
  return {
    /** POST /wxa/release with the mandatory `{}` body (44002 without): the approved version goes online. */
    release: () => call(t.send, { method: "POST", path: "/wxa/release", body: {}, action: "wxa.release" }, okAnswer),

    /** POST /wxa/grayrelease: roll the approved version out to a percentage (only ever upwards: 85082). */
    grayRelease: async (value: z.input<typeof grayReleaseInput>) => {
      const body = input(grayReleaseInput, value, "wxa.grayrelease");
      return call(t.send, { method: "POST", path: "/wxa/grayrelease", body, action: "wxa.grayrelease" }, okAnswer);
    },

    /** GET /wxa/getgrayreleaseplan. */
    getGrayReleasePlan: () =>
      call(t.send, { method: "GET", path: "/wxa/getgrayreleaseplan", action: "wxa.getgrayreleaseplan" }, grayReleasePlanAnswer),

    /** GET /wxa/revertgrayrelease: cancels the running plan. */
    revertGrayRelease: () => call(t.send, { method: "GET", path: "/wxa/revertgrayrelease", action: "wxa.revertgrayrelease" }, okAnswer),

    /** GET /wxa/revertcoderelease[?app_version=N]: back to the previous (or the named) released version. */
    revertCodeRelease: async (value: z.input<typeof revertCodeReleaseInput> = {}) => {
      const { app_version } = input(revertCodeReleaseInput, value, "wxa.revertcoderelease");
      return call(t.send, { method: "GET", path: "/wxa/revertcoderelease", query: { app_version }, action: "wxa.revertcoderelease" }, okAnswer);
    },

    /** GET /wxa/revertcoderelease?action=get_history_version: the versions a rollback can name (at most 5). */
    getHistoryVersions: () =>
      call(
        t.send,
        { method: "GET", path: "/wxa/revertcoderelease", query: { action: "get_history_version" }, action: "wxa.revertcoderelease.get_history_version" },
        historyVersionsAnswer,
      ),
  };
}
