import { z } from "zod";
import { appid } from "./common";

/**
 * clear_quota variants (reference §7.3). Each account may clear 10 times per month in total, whichever path is
 * used (48006 after that), so these are never called automatically.
 */

/** /cgi-bin/component/clear_quota/v2: the platform itself, or (with `appid`) one authorized mini-program. */
export const clearQuotaV2Input = z.object({ appid: appid.optional() });
