import "server-only";
import { PlatformError, type Audit, type Capabilities } from "@/lib/platforms/port";
import type { AuthorizerClient } from "../client";
import type { LatestAuditStatusAnswer } from "../schemas/audit";
import { auditStateOf, splitScreenshots } from "../states";

/** Pieces the WeChat adapter's concern files share. */

export const WECHAT_CAPABILITIES: Capabilities = {
  grayRelease: true,
  qrcodeJump: true,
  trialQrcode: true,
  privacyCheck: true,
  visitStatus: true,
  supportVersion: true,
  speedupAudit: true,
  auditItems: true,
  accountAuditQuota: true,
};

// get_latest_auditstatus on a mini-program that never submitted anything.
const NO_AUDIT = 85012;

export const dateOf = (seconds: number | undefined) => (typeof seconds === "number" && seconds > 0 ? new Date(seconds * 1000) : null);

/** A status answer in the console's words: a reason only with a rejection or a delay, screenshots only with a rejection. */
export function auditOf(auditid: number, answer: { status: number; reason: string; screenshot: string }): Omit<Audit, "userVersion" | "submittedAt"> {
  const state = auditStateOf(answer.status);
  return {
    auditid,
    state,
    reason: state === "rejected" || state === "delayed" ? answer.reason || null : null,
    screenshots: state === "rejected" ? splitScreenshots(answer.screenshot) : [],
  };
}

/** The newest submission, or null when the mini-program never submitted one. */
export async function latestOf(client: AuthorizerClient): Promise<LatestAuditStatusAnswer | null> {
  try {
    return await client.getLatestAuditStatus();
  } catch (error) {
    if (error instanceof PlatformError && error.code === NO_AUDIT) return null;
    throw error;
  }
}
