"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useAction } from "@/lib/hooks/use-action";
import type { GrayPlan } from "@/lib/platforms/port";
import type { AuditState } from "@/lib/vocab";
import { cancelGrayAction, grayAction, releaseAction } from "@/app/(console)/tenants/[tenantId]/release/actions";

/** Shared by the release section's cards: who may act, and why not. */
export type Acting = { tenantId: string; canOperate: boolean; readOnlyReason: string };

function ReadOnlyNote({ acting }: { acting: Acting }) {
  return acting.canOperate ? null : <p className="text-xs text-muted-foreground">{acting.readOnlyReason}</p>;
}

/** Release the approved version, with confirmation; disabled (with the reason) unless the latest audit is approved. */
export function ReleaseCard({ acting, audit }: { acting: Acting; audit: { state: AuditState; userVersion: string | null } | null }) {
  const t = useTranslations("tenant.release");
  const tb = useTranslations("tenant.board");
  const { run, pending } = useAction();
  const state = audit?.state ?? "none";
  const approved = state === "approved";
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("releaseTitle")}</CardTitle>
        <CardDescription>{t("releaseDescription")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-2">
        {!approved ? <p className="text-sm text-muted-foreground">{t("releaseDisabled", { state: tb(`auditState.${state}`) })}</p> : null}
        <ReadOnlyNote acting={acting} />
        <div>
          <ConfirmDialog
            trigger={<Button disabled={!acting.canOperate || !approved || pending}>{t("releaseAction")}</Button>}
            title={t("releaseConfirmTitle", { version: audit?.userVersion ?? "" })}
            description={t("releaseConfirmDescription")}
            confirmLabel={t("releaseAction")}
            cancelLabel={t("cancel")}
            destructive={false}
            onConfirm={() => run(() => releaseAction({ tenantId: acting.tenantId }), { success: () => t("released") })}
          />
        </div>
      </CardContent>
    </Card>
  );
}

const rolling = (plan: GrayPlan) => plan.state === "running" || plan.state === "paused";

/** Gray roll-out: a share that can only grow (slider + number, both labelled), the two "first" flags, cancel. */
export function GrayCard({ acting, plan }: { acting: Acting; plan: GrayPlan }) {
  const t = useTranslations("tenant.release");
  const { run, pending } = useAction();
  const current = rolling(plan) ? plan.percentage : 0;
  const min = Math.min(current + 1, 100);
  const [percentage, setPercentage] = useState(Math.min(Math.max(min, 10), 100));
  const [membersFirst, setMembersFirst] = useState(rolling(plan) ? plan.membersFirst : false);
  const [testersFirst, setTestersFirst] = useState(rolling(plan) ? plan.testersFirst : false);
  const valid = Number.isInteger(percentage) && percentage >= min && percentage <= 100 && current < 100;
  const disabled = !acting.canOperate || pending;
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("grayTitle")}</CardTitle>
        <CardDescription>{t("grayDescription")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        <div className="grid gap-1.5">
          <Label htmlFor="gray-range">{t("grayPercentage")}</Label>
          <div className="flex items-center gap-3">
            <input
              id="gray-range"
              type="range"
              min={1}
              max={100}
              value={percentage}
              disabled={disabled}
              onChange={(e) => setPercentage(Math.max(min, Number(e.target.value)))}
              className="flex-1 accent-primary"
              aria-describedby={current ? "gray-min" : undefined}
            />
            <Input
              type="number"
              aria-label={t("grayPercentageNumber")}
              min={min}
              max={100}
              value={Number.isNaN(percentage) ? "" : percentage}
              disabled={disabled}
              onChange={(e) => setPercentage(e.target.valueAsNumber)}
              className="w-20"
              aria-invalid={valid ? undefined : true}
              aria-describedby={current ? "gray-min" : undefined}
            />
          </div>
          {current ? (
            <p id="gray-min" className={valid ? "text-xs text-muted-foreground" : "text-xs text-destructive"}>
              {t("grayMin", { current })}
            </p>
          ) : null}
        </div>
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" className="mt-1" checked={membersFirst} disabled={disabled} onChange={(e) => setMembersFirst(e.target.checked)} />
          <span>
            {t("grayMembersFirst")}
            <span className="block text-xs text-muted-foreground">{t("grayMembersFirstHint")}</span>
          </span>
        </label>
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" className="mt-1" checked={testersFirst} disabled={disabled} onChange={(e) => setTestersFirst(e.target.checked)} />
          <span>
            {t("grayTestersFirst")}
            <span className="block text-xs text-muted-foreground">{t("grayTestersFirstHint")}</span>
          </span>
        </label>
        <ReadOnlyNote acting={acting} />
        <div className="flex flex-wrap gap-2">
          <ConfirmDialog
            trigger={<Button disabled={disabled || !valid}>{t("grayAction", { percentage: valid ? percentage : "…" })}</Button>}
            title={t("grayConfirmTitle", { percentage })}
            description={t("grayConfirmDescription")}
            confirmLabel={t("grayAction", { percentage })}
            cancelLabel={t("cancel")}
            onConfirm={() =>
              run(() => grayAction({ tenantId: acting.tenantId, percentage, membersFirst, testersFirst }), { success: (d) => t("grayDone", d) })
            }
          />
          <ConfirmDialog
            trigger={
              <Button variant="outline" disabled={disabled || !rolling(plan)} title={rolling(plan) ? undefined : t("grayNotRunning")}>
                {t("grayCancel")}
              </Button>
            }
            title={t("grayCancelConfirmTitle")}
            description={t("grayCancelConfirmDescription")}
            confirmLabel={t("grayCancel")}
            cancelLabel={t("cancel")}
            onConfirm={() => run(() => cancelGrayAction({ tenantId: acting.tenantId }), { success: () => t("grayCancelled") })}
          />
        </div>
      </CardContent>
    </Card>
  );
}
