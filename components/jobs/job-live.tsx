"use client";

import { useCallback, useEffect, useRef } from "react";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { PauseCircle } from "lucide-react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent } from "@/components/ui/card";
import { FormAlert } from "@/components/ui/form-alert";
import type { ItemState } from "@/lib/vocab";
import { ITEM_STATES } from "@/lib/vocab";
import { JobControls } from "./job-controls";
import { JobItems } from "./job-items";
import { JobProgress } from "./progress-bar";
import type { JobWire } from "./types";
import { JOB_STATE_BADGE, pausedText, percentDone, stepText, uiLocale, type JobsT } from "./words";

const POLL_MS = 1500;

async function fetchJob(jobId: string, signal: AbortSignal): Promise<JobWire> {
  const res = await fetch(`/jobs/${jobId}/status`, { signal, cache: "no-store", headers: { accept: "application/json" } });
  if (!res.ok) throw new Error(`job status: HTTP ${res.status}`);
  return (await res.json()) as JobWire;
}

/**
 * A job, live: polled every 1.5 s until every item is final (the server-rendered summary is the first answer); state,
 * who started it, the paused reason in words, a progress bar with counts per item state, where the unfinished items
 * are (per step), the controls, the items.
 * A toast says when the job ends while the page is open.
 */
export function JobLive({ initial, canOperate }: { initial: JobWire; canOperate: boolean }) {
  const t = useTranslations("jobs") as unknown as JobsT;
  const format = useFormatter();
  const locale = uiLocale(useLocale());
  const client = useQueryClient();
  const query = useQuery({
    queryKey: ["job", initial.id],
    queryFn: ({ signal }) => fetchJob(initial.id, signal),
    initialData: initial,
    initialDataUpdatedAt: 0,
    refetchInterval: (q) => (q.state.data?.settled ? false : POLL_MS),
  });
  const job = query.data;
  const settle = useCallback(async () => {
    await Promise.all([client.invalidateQueries({ queryKey: ["job", initial.id] }), client.invalidateQueries({ queryKey: ["job-items", initial.id] })]);
  }, [client, initial.id]);

  // Announce the end once, when this page saw the job running.
  const wasSettled = useRef(initial.settled);
  useEffect(() => {
    if (job.settled && !wasSettled.current) {
      toast.success(t("job.ended", { kind: t(`kinds.${job.kind}`), done: job.counts.done, failed: job.counts.failed }));
      void client.invalidateQueries({ queryKey: ["job-items", job.id] });
    }
    wasSettled.current = job.settled;
  }, [job, t, client]);

  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });
  const { final, percent } = percentDone(job.counts, job.total);
  const names = Object.fromEntries(ITEM_STATES.map((s) => [s, t(`itemStates.${s}`)])) as Record<ItemState, string>;

  return (
    <div className="grid grid-cols-1 gap-4">
      <Card>
        <CardContent className="grid gap-4 pt-5">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <div className="grid gap-1 text-sm">
              <div className="flex items-center gap-2">
                <Badge variant={JOB_STATE_BADGE[job.state]} data-testid="job-state">
                  {t(`states.${job.state}`)}
                </Badge>
                {!job.settled && job.state === "running" ? <span className="text-xs text-muted-foreground">{t("job.live")}</span> : null}
              </div>
              <p className="text-muted-foreground">
                {job.createdBy ? t("job.startedBy", { name: job.createdBy.name, time: when(job.createdAt) }) : t("job.startedBySystem", { time: when(job.createdAt) })}
                {job.finishedAt ? ` · ${t("job.endedAt", { time: when(job.finishedAt) })}` : null}
              </p>
            </div>
            <JobControls job={job} canOperate={canOperate} settle={settle} />
          </div>
          {job.state === "paused" ? (
            <div role="status" data-testid="paused-reason" className="flex items-start gap-2 rounded-md border border-warning/40 bg-warning/5 px-3 py-2 text-sm text-warning">
              <PauseCircle className="mt-0.5 size-4 shrink-0" aria-hidden />
              {pausedText(t, job, locale)}
            </div>
          ) : null}
          <JobProgress
            counts={job.counts}
            total={job.total}
            label={t("progress.label")}
            valueText={t("progress.value", { percent, final, total: job.total })}
            legend={{ title: t("progress.legend"), names }}
          />
          {job.steps.length > 0 ? (
            <ul aria-label={t("progress.bySteps")} data-testid="job-steps" className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-muted-foreground">
              <li aria-hidden className="font-medium">
                {t("progress.bySteps")}
              </li>
              {job.steps.map(({ step, n }) => (
                <li key={step} data-step={step}>
                  {stepText(t, step)}: <span className="font-medium tabular-nums text-foreground">{n}</span>
                </li>
              ))}
            </ul>
          ) : null}
          {query.isError ? <FormAlert>{t("job.loadFailed")}</FormAlert> : null}
        </CardContent>
      </Card>
      <JobItems jobId={job.id} live={!job.settled} />
    </div>
  );
}
