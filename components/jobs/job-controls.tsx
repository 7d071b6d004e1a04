"use client";

import { useTranslations } from "next-intl";
import { Download, Pause, Play, RotateCcw, XCircle } from "lucide-react";
import { cancelJobAction, pauseJobAction, resumeJobAction, retryFailedAction } from "@/app/(console)/jobs/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useAction } from "@/lib/hooks/use-action";
import type { JobWire } from "./types";

/**
 * Pause / resume / cancel (asks first) / retry failed, for operators; the CSV for everyone. What applies follows the
 * job's state; after an answer the polled job is read again at once (`settle`).
 */
export function JobControls({ job, canOperate, settle }: { job: JobWire; canOperate: boolean; settle: () => Promise<void> }) {
  const t = useTranslations("jobs.job");
  const { run, pending } = useAction({ settle });
  const jobId = job.id;
  const open = job.state === "running" || job.state === "paused";
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="job-controls">
      {canOperate && job.state === "running" && !job.settled ? (
        <Button variant="outline" disabled={pending} onClick={() => run(() => pauseJobAction({ jobId }), { success: () => t("paused") })}>
          <Pause aria-hidden />
          {t("pause")}
        </Button>
      ) : null}
      {canOperate && job.state === "paused" ? (
        <Button disabled={pending} onClick={() => run(() => resumeJobAction({ jobId }), { success: () => t("resumed") })}>
          <Play aria-hidden />
          {t("resume")}
        </Button>
      ) : null}
      {canOperate && job.counts.failed > 0 && job.state !== "cancelled" ? (
        <Button
          variant="outline"
          disabled={pending}
          onClick={() => run(() => retryFailedAction({ jobId }), { success: (d) => (d && d.retried > 0 ? t("retried", { count: d.retried }) : t("retriedNone")) })}
        >
          <RotateCcw aria-hidden />
          {t("retry")}
        </Button>
      ) : null}
      {canOperate && open && !job.settled ? (
        <ConfirmDialog
          trigger={
            <Button variant="outline" disabled={pending} className="text-destructive">
              <XCircle aria-hidden />
              {t("cancel")}
            </Button>
          }
          title={t("cancelTitle")}
          description={t("cancelDescription")}
          confirmLabel={t("cancelConfirm")}
          cancelLabel={t("keepRunning")}
          onConfirm={() => run(() => cancelJobAction({ jobId }), { success: () => t("cancelled") })}
        />
      ) : null}
      <Button asChild variant="ghost">
        <a href={`/jobs/${jobId}/csv`} download>
          <Download aria-hidden />
          {t("csv")}
        </a>
      </Button>
    </div>
  );
}
