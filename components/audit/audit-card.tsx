"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { LoaderCircle } from "lucide-react";
import { speedupAuditAction, withdrawAuditAction } from "@/app/(console)/tenants/[tenantId]/audit/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormAlert } from "@/components/ui/form-alert";
import { Skeleton } from "@/components/ui/skeleton";
import { useAction } from "@/lib/hooks/use-action";
import { isUnderReview, type AuditState } from "@/lib/vocab";
import { auditKeys, useAuditCard, useAuditQuota } from "./queries";

const TONE: Record<AuditState, "default" | "secondary" | "destructive" | "warning"> = {
  none: "secondary",
  auditing: "warning",
  delayed: "warning",
  approved: "default",
  rejected: "destructive",
  withdrawn: "secondary",
};

/** The platform writes reasons with <br> between points: shown as lines, never as HTML. */
const reasonLines = (reason: string) => reason.split(/<br\s*\/?>/i).map((line) => line.trim()).filter(Boolean);

/**
 * The latest audit, live: polled while under review (the push updates the row, the poll shows it), with the
 * reason and screenshots of a rejection, and withdraw / speed up (each confirmed, with what is left of its quota).
 */
export function AuditCard({
  tenantId,
  canOperate,
  speedup = true,
  undoLimits = true,
}: {
  tenantId: string;
  canOperate: boolean;
  /** The platform speeds up reviews (WeChat); Baidu has no such call. */
  speedup?: boolean;
  /** Withdrawals are limited per day and month (WeChat's documented limits); Baidu's document gives none. */
  undoLimits?: boolean;
}) {
  const t = useTranslations("audit.card");
  const tb = useTranslations("baiduPages.audit");
  const format = useFormatter();
  const queryClient = useQueryClient();
  const card = useAuditCard(tenantId);
  const quota = useAuditQuota(tenantId, speedup);
  const { run, pending } = useAction({ settle: () => queryClient.invalidateQueries({ queryKey: auditKeys.all(tenantId) }) });

  if (card.isPending) return <Skeleton className="h-32" />;
  if (card.isError) return <FormAlert>{t("error", { error: card.error.message })}</FormAlert>;
  const audit = card.data.audit;
  const undo = card.data.undo;
  const open = audit !== null && isUnderReview(audit.state);
  const operateReason = canOperate ? undefined : t("viewerReason");

  return (
    <Card data-testid="audit-card">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          {t("title")}
          {audit ? (
            <Badge variant={TONE[audit.state]} data-testid="audit-state">
              {t(`state.${audit.state}`)}
            </Badge>
          ) : null}
          {open ? <LoaderCircle aria-label={t("live")} className="size-4 animate-spin text-muted-foreground" /> : null}
        </CardTitle>
        <CardDescription>
          {audit
            ? t("summary", { auditid: audit.auditid, version: audit.userVersion ?? "—", time: format.dateTime(new Date(audit.submittedAt), { dateStyle: "medium", timeStyle: "short" }) })
            : t("none")}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3 text-sm">
        {audit?.reason ? (
          <div data-testid="audit-reason">
            <p className="font-medium">{audit.state === "delayed" ? t("delayReason") : t("rejectReason")}</p>
            {reasonLines(audit.reason).map((line, i) => (
              <p key={i}>{line}</p>
            ))}
          </div>
        ) : null}
        {audit && audit.screenshots.length > 0 ? (
          <div className="flex flex-wrap gap-2">
            {audit.screenshots.map((mediaId, i) => (
              <a key={mediaId} href={`/tenants/${tenantId}/media/${encodeURIComponent(mediaId)}`} target="_blank" rel="noreferrer">
                {/* eslint-disable-next-line @next/next/no-img-element -- served by our authenticated media route, not optimisable */}
                <img
                  src={`/tenants/${tenantId}/media/${encodeURIComponent(mediaId)}`}
                  alt={t("screenshot", { n: i + 1 })}
                  className="h-40 rounded border border-border object-contain"
                />
              </a>
            ))}
          </div>
        ) : null}
        {open ? (
          <div className="flex flex-wrap items-center gap-2">
            <ConfirmDialog
              trigger={
                <Button variant="outline" size="sm" disabled={!canOperate || pending || (undoLimits && (undo.dayLeft === 0 || undo.monthLeft === 0))} title={operateReason}>
                  {t("withdraw")}
                </Button>
              }
              title={t("withdrawTitle")}
              description={
                undoLimits
                  ? t("withdrawDescription", { dayLeft: undo.dayLeft, dayLimit: undo.dayLimit, monthLeft: undo.monthLeft, monthLimit: undo.monthLimit })
                  : tb("withdrawDescription", { auditid: audit.auditid })
              }
              confirmLabel={t("withdraw")}
              cancelLabel={t("cancel")}
              onConfirm={() =>
                run(() => withdrawAuditAction({ tenantId }), { success: (d) => (undoLimits ? t("withdrawn", { dayLeft: d.dayLeft, monthLeft: d.monthLeft }) : tb("withdrawn")) })
              }
            />
            {undoLimits ? (
              <span className="text-xs text-muted-foreground">{t("undoLeft", { dayLeft: undo.dayLeft, dayLimit: undo.dayLimit, monthLeft: undo.monthLeft, monthLimit: undo.monthLimit })}</span>
            ) : null}
            {speedup ? <ConfirmDialog
              trigger={
                <Button variant="outline" size="sm" disabled={!canOperate || pending || quota.data?.speedupsLeft === 0} title={operateReason}>
                  {t("speedup")}
                </Button>
              }
              title={t("speedupTitle")}
              description={quota.data ? t("speedupDescription", { left: quota.data.speedupsLeft, limit: quota.data.speedupLimit }) : t("quotaUnknown")}
              confirmLabel={t("speedup")}
              cancelLabel={t("cancel")}
              destructive={false}
              onConfirm={() => run(() => speedupAuditAction({ tenantId }), { success: (d) => t("spedUp", { left: d.speedupsLeft, limit: d.speedupLimit }) })}
            />
            : null}
            {speedup ? (
              <span className="text-xs text-muted-foreground">
                {quota.data ? t("speedupLeft", { left: quota.data.speedupsLeft, limit: quota.data.speedupLimit }) : quota.isError ? quota.error.message : t("quotaLoading")}
              </span>
            ) : null}
          </div>
        ) : null}
        {operateReason && open ? <p className="text-xs text-muted-foreground">{operateReason}</p> : null}
      </CardContent>
    </Card>
  );
}
