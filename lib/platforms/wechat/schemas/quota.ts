import { z } from "zod";
import { appid } from "./common";

/**
 * clear_quota variants (reference §7.3). Each account may clear 10 times per month in total, whichever path is
 * used (48006 after that), so these are never called automatically.
 */

/** /cgi-bin/component/clear_quota/v2: the platform itself, or (with `appid`) one authorized mini-program. */
export const clearQuotaV2Input = z.object({ appid: appid.optional() });

/** getApiQuota: the API's path on the platform, leading `/`, no host, no query (76003 otherwise). */
export const apiQuotaInput = z.object({ cgi_path: z.string().regex(/^\/[\w/.-]{1,200}$/) });
const rateLimit = z.object({ call_count: z.number(), refresh_second: z.number() });
export const apiQuotaAnswer = z.object({
  quota: z.object({ daily_limit: z.number(), used: z.number(), remain: z.number() }),
  rate_limit: rateLimit.optional(),
  component_rate_limit: rateLimit.optional(),
});

/** getRidInfo: the request behind a rid (an errmsg's ` rid: …` suffix), as the platform saw it. */
export const ridInput = z.object({ rid: z.string().regex(/^[\w-]{1,64}$/) });
export const ridAnswer = z.object({
  request: z.object({
    invoke_time: z.number(),
    cost_in_ms: z.number(),
    request_url: z.string(),
    request_body: z.string().default(""),
    response_body: z.string().default(""),
    client_ip: z.string().default(""),
  }),
});
