import { ITEM_STATES, type ItemState } from "@/lib/vocab";
import { cn } from "@/lib/utils/cn";
import { percentDone } from "./words";

// Finished states first, so the bar fills from the left; waiting ones after.
const ORDER: ItemState[] = ["done", "failed", "skipped", "cancelled", "running", "parked", "pending"];
const COLOR: Record<ItemState, string> = {
  done: "bg-success",
  failed: "bg-destructive",
  skipped: "bg-muted-foreground/40",
  cancelled: "bg-muted-foreground/25",
  // Not green: "in progress" next to "done" must read apart.
  running: "bg-sky-500/70",
  parked: "bg-warning/60",
  pending: "bg-transparent",
};

/**
 * A job's progress: one accessible progressbar (final items over the total) drawn as segments per item state, and
 * optionally a legend with the counts. No hooks: the jobs list renders it on the server, the job page live.
 */
export function JobProgress({
  counts,
  total,
  label,
  valueText,
  legend,
  compact = false,
}: {
  counts: Record<ItemState, number>;
  total: number;
  label: string;
  valueText: string;
  legend?: { title: string; names: Record<ItemState, string> };
  compact?: boolean;
}) {
  const { percent } = percentDone(counts, total);
  return (
    <div className="grid gap-1.5">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={valueText}
        data-testid="job-progress"
        data-percent={percent}
        className={cn("flex w-full overflow-hidden rounded-full bg-muted", compact ? "h-1.5" : "h-3")}
      >
        {ORDER.map((state) =>
          counts[state] ? <div key={state} className={cn("h-full transition-[width]", COLOR[state])} style={{ width: `${(counts[state] / Math.max(total, 1)) * 100}%` }} /> : null,
        )}
      </div>
      <p className={cn("tabular-nums text-muted-foreground", compact ? "text-xs" : "text-sm")}>{valueText}</p>
      {legend ? (
        <ul aria-label={legend.title} className="flex flex-wrap gap-x-4 gap-y-1 text-xs">
          {ITEM_STATES.map((state) => (
            <li key={state} className="flex items-center gap-1.5" data-testid={`count-${state}`}>
              <span aria-hidden className={cn("size-2.5 rounded-full border border-border", COLOR[state])} />
              {legend.names[state]}: <span className="font-medium tabular-nums">{counts[state] ?? 0}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
