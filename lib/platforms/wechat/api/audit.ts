import "server-only";
import type { z } from "zod";
import { okAnswer } from "@/lib/platforms/wechat/schemas/common";
import { auditIdInput, auditStatusAnswer, latestAuditStatusAnswer, quotaAnswer, submitAuditAnswer, submitAuditInput } from "@/lib/platforms/wechat/schemas/audit";
import { call, input, type AuthorizerTransport } from "./transport";

/** Audit family (reference §4.1–§4.5). */
export function auditApi(t: AuthorizerTransport) {
  return {
    /**
     * POST /wxa/submit_audit → auditid. Never retried: each accepted submission spends the platform's monthly
     * quota (shared by every authorizer), and a retry after a lost success answers 85009 at best.
     */
    submitAudit: async (value: z.input<typeof submitAuditInput> = {}) => {
      const body = input(submitAuditInput, value, "wxa.submit_audit");
      return call(t.send, { method: "POST", path: "/wxa/submit_audit", body, retry: "never", action: "wxa.submit_audit" }, submitAuditAnswer);
    },

    /** POST /wxa/get_auditstatus {auditid}: status, reason, screenshot (normalised from either casing). */
    getAuditStatus: async (value: z.input<typeof auditIdInput>) => {
      const body = input(auditIdInput, value, "wxa.get_auditstatus");
      return call(t.send, { method: "POST", path: "/wxa/get_auditstatus", body, action: "wxa.get_auditstatus" }, auditStatusAnswer);
    },

    /** GET /wxa/get_latest_auditstatus: the newest submission; `ScreenShot` is answered as `screenshot`. */
    getLatestAuditStatus: () =>
      call(t.send, { method: "GET", path: "/wxa/get_latest_auditstatus", action: "wxa.get_latest_auditstatus" }, latestAuditStatusAnswer),

    /** GET /wxa/undocodeaudit: withdraws the audit under review (5 a day, 10 a month: 87013). */
    undoAudit: () => call(t.send, { method: "GET", path: "/wxa/undocodeaudit", action: "wxa.undocodeaudit" }, okAnswer),

    /** POST /wxa/speedupaudit {auditid}: spends one of the platform's monthly speed-ups. */
    speedupAudit: async (value: z.input<typeof auditIdInput>) => {
      const body = input(auditIdInput, value, "wxa.speedupaudit");
      return call(t.send, { method: "POST", path: "/wxa/speedupaudit", body, action: "wxa.speedupaudit" }, okAnswer);
    },

    /** GET /wxa/queryquota: the platform's monthly submit and speed-up quotas (shared by all its authorizers). */
    queryQuota: () => call(t.send, { method: "GET", path: "/wxa/queryquota", action: "wxa.queryquota" }, quotaAnswer),
  };
}
