import { getTranslations } from "next-intl/server";
import type { DayCounts } from "@/lib/console/quota";

const SERIES = [
  { key: "submits", color: "bg-primary" },
  { key: "speedups", color: "bg-amber-500" },
  { key: "undos", color: "bg-slate-400" },
] as const;

/**
 * Submissions, speed-ups and withdrawals per day as stacked CSS bars: at most 31 days × 3 series, which plain
 * elements draw without a chart library's weight on the page. Each bar carries its numbers as an accessible label.
 */
export async function DayChart({ days }: { days: DayCounts[] }) {
  const t = await getTranslations("quota.chart");
  const max = Math.max(1, ...days.map((d) => d.submits + d.speedups + d.undos));
  return (
    <figure className="grid gap-3">
      <div className="flex h-40 items-end gap-1" role="list" aria-label={t("title")}>
        {days.map((d) => (
          <div
            key={d.day}
            role="listitem"
            aria-label={t("day", { day: d.day, submits: d.submits, speedups: d.speedups, undos: d.undos })}
            title={t("day", { day: d.day, submits: d.submits, speedups: d.speedups, undos: d.undos })}
            className="flex h-full min-w-2 flex-1 flex-col-reverse rounded-sm bg-muted/40"
          >
            {SERIES.map((s) => (d[s.key] > 0 ? <div key={s.key} className={s.color} style={{ height: `${(d[s.key] / max) * 100}%` }} /> : null))}
          </div>
        ))}
      </div>
      <figcaption className="flex flex-wrap gap-4 text-xs text-muted-foreground">
        {SERIES.map((s) => (
          <span key={s.key} className="flex items-center gap-1.5">
            <span className={`inline-block size-2.5 rounded-sm ${s.color}`} aria-hidden />
            {t(s.key)} {days.reduce((n, d) => n + d[s.key], 0)}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
