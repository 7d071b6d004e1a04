import type { ItemState, JobState } from "@/lib/vocab";
import type { Meaning } from "@/lib/jobs/types";

/**
 * A job's facts in words, with the "jobs" catalog (pure: server pages and client components pass their translator).
 * Keys the engine may grow (steps, reasons, parked-for) fall back to the raw word instead of failing.
 */
export type JobsT = { (key: string, values?: Record<string, string | number>): string; has(key: string): boolean };
export type UiLocale = "en" | "zh-CN";

export const uiLocale = (locale: string): UiLocale => (locale === "en" ? "en" : "zh-CN");

/** "45009 — meaning", or the code alone when the platform's catalog had no words for it. */
export function codeText(t: JobsT, code: number | null, meaning: Meaning | null, locale: UiLocale): string | null {
  if (code === null && !meaning) return null;
  const words = meaning?.[locale];
  if (code === null) return words ?? null;
  return words ? t("codeMeaning", { code, meaning: words }) : t("codeOnly", { code });
}

export const stepText = (t: JobsT, step: string) => (t.has(`steps.${step}`) ? t(`steps.${step}`) : step);

/** A console reason: a bare reason ("busy") or a catalog key under jobs ("jobs.reasons.busy", "jobs.messages.x"). */
export function reasonText(t: JobsT, reason: string | null, detail?: Record<string, string | number> | null): string | null {
  if (!reason) return null;
  const key = reason.replace(/^jobs\./, "");
  const words = t.has(`reasons.${key}`) ? t(`reasons.${key}`) : t.has(key) ? t(key) : reason;
  const extra = Object.entries(detail ?? {}).map(([k, v]) => t("detail", { key: k, value: v }));
  return extra.length ? `${words} (${extra.join("; ")})` : words;
}

export function pausedText(t: JobsT, job: { pausedReason: string | null; pausedCode: number | null; pausedMeaning: Meaning | null }, locale: UiLocale): string {
  if (job.pausedReason === "operator") return t("paused.operator");
  if (job.pausedReason === "burst") return t("paused.burst", { code: job.pausedCode ?? "—", meaning: job.pausedMeaning?.[locale] ?? "" });
  if (job.pausedCode !== null) {
    const meaning = job.pausedMeaning?.[locale];
    return meaning ? t("paused.platform", { code: job.pausedCode, meaning }) : t("paused.platformCode", { code: job.pausedCode });
  }
  return t("paused.other", { reason: job.pausedReason ?? "—" });
}

export function parkedText(t: JobsT, parkedFor: string | null, parkedUntil: string | null, formatTime: (iso: string) => string): string | null {
  if (parkedFor && t.has(`parked.${parkedFor}`)) return t(`parked.${parkedFor}`);
  if (parkedUntil) return t("parked.until", { time: formatTime(parkedUntil) });
  return parkedFor ? t("parked.other", { what: parkedFor }) : null;
}

export const FINAL_STATES = ["done", "failed", "skipped", "cancelled"] as const satisfies readonly ItemState[];

/** Share of items that are final, 0–100 (an empty job is complete). */
export function percentDone(counts: Record<ItemState, number>, total: number): { final: number; percent: number } {
  const final = FINAL_STATES.reduce((sum, s) => sum + (counts[s] ?? 0), 0);
  return { final, percent: total === 0 ? 100 : Math.floor((final / total) * 100) };
}

export const JOB_STATE_BADGE = {
  running: "default",
  paused: "warning",
  cancelled: "secondary",
  finished: "secondary",
} as const satisfies Record<JobState, string>;

export const ITEM_STATE_BADGE = {
  pending: "secondary",
  running: "default",
  parked: "warning",
  done: "default",
  failed: "destructive",
  skipped: "secondary",
  cancelled: "secondary",
} as const satisfies Record<ItemState, string>;
