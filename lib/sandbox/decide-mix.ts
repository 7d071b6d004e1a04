import { createHash } from "node:crypto";
import type { AutoDecideRatios } from "./settings";

/**
 * The "mix" auto-decide mode's draw (emulator choice): a reviewer whose outcomes follow `ratios` (weights), drawn from
 * a hash of the appid and the audit id, so the same audit of the same mini-program is decided the same way on every
 * run (a rerun of a bulk test sees the same approvals, rejections and delays). A delayed audit is decided again
 * later from another draw (approve or reject by their weights; approve when both weigh 0).
 */

/** When mix is chosen without ratios: mostly approvals, some rejections and delays. */
export const DEFAULT_RATIOS: AutoDecideRatios = { approve: 8, reject: 1, delay: 1 };

/** A number in [0, 2^32) from the text's sha256: stable across processes and runs. */
export function bucketOf(text: string): number {
  return createHash("sha256").update(text, "utf8").digest().readUInt32BE(0);
}

/** The outcome of audit `auditid` of `appid`: first decision (any of the three), or the decision after a delay. */
export function mixOutcome(appid: string, auditid: number, ratios: AutoDecideRatios, afterDelay = false): "approve" | "reject" | "delay" {
  const weights: ["approve" | "reject" | "delay", number][] = afterDelay
    ? [
        ["approve", ratios.approve],
        ["reject", ratios.reject],
      ]
    : [
        ["approve", ratios.approve],
        ["reject", ratios.reject],
        ["delay", ratios.delay],
      ];
  const total = weights.reduce((sum, [, w]) => sum + w, 0);
  if (total === 0) return "approve";
  let point = bucketOf(`${appid}:${auditid}${afterDelay ? ":after-delay" : ""}`) % total;
  for (const [outcome, weight] of weights) {
    if (point < weight) return outcome;
    point -= weight;
  }
  return "approve";
}
