"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/input";
import { useAction } from "@/lib/hooks/use-action";
import type { BaseLibrary, ReleasedVersion } from "@/lib/platforms/port";
import { baseLibraryAction, rollbackAction, visitAction } from "@/app/(console)/tenants/[tenantId]/release/actions";
import type { Acting } from "./release-actions";

const note = (acting: Acting) => (acting.canOperate ? null : <p className="text-xs text-muted-foreground">{acting.readOnlyReason}</p>);

/**
 * Roll back to one of the kept versions (the previous one by default), with confirmation. `previousOnly`: the platform
 * keeps just the version online before this one (Baidu), so it is named instead of offered in a list of one.
 */
export function RollbackCard({
  acting,
  versions,
  liveVersion,
  previousOnly = false,
}: {
  acting: Acting;
  versions: ReleasedVersion[];
  liveVersion: string | null;
  previousOnly?: boolean;
}) {
  const t = useTranslations("tenant.release");
  const tb = useTranslations("baiduPages.release");
  const { run, pending } = useAction();
  const choices = versions.filter((v, i) => !(i === 0 && v.userVersion === liveVersion));
  const [chosen, setChosen] = useState<string>("");
  const target = choices.find((v) => String(v.appVersion) === chosen);
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("rollbackTitle")}</CardTitle>
        <CardDescription>{previousOnly ? tb("rollbackDescription") : t("rollbackDescription")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        {choices.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("rollbackEmpty")}</p>
        ) : previousOnly ? (
          <p className="text-sm" data-testid="rollback-target">
            {tb("rollbackTarget", { version: choices[0]!.userVersion })}
          </p>
        ) : (
          <div className="grid gap-1.5">
            <Label htmlFor="rollback-version">{t("rollbackChoose")}</Label>
            <Select id="rollback-version" value={chosen} onChange={(e) => setChosen(e.target.value)} disabled={!acting.canOperate || pending}>
              <option value="">{t("rollbackPrevious")}</option>
              {choices.map((v) => (
                <option key={v.appVersion} value={String(v.appVersion)}>
                  {t("rollbackVersion", { version: v.userVersion, appVersion: v.appVersion })}
                  {v.userDesc ? ` — ${v.userDesc}` : ""}
                </option>
              ))}
            </Select>
          </div>
        )}
        {note(acting)}
        <div>
          <ConfirmDialog
            trigger={<Button variant="destructive" disabled={!acting.canOperate || pending || versions.length === 0}>{t("rollbackAction")}</Button>}
            title={t("rollbackConfirmTitle")}
            description={t("rollbackConfirmDescription", { version: target ? target.userVersion : previousOnly && choices[0] ? choices[0].userVersion : t("rollbackPrevious") })}
            confirmLabel={t("rollbackAction")}
            cancelLabel={t("cancel")}
            onConfirm={() => run(() => rollbackAction({ tenantId: acting.tenantId, appVersion: target?.appVersion }), { success: () => t("rolledBack") })}
          />
        </div>
      </CardContent>
    </Card>
  );
}

/** Open or close the mini-program to its users, with confirmation either way. */
export function VisitCard({ acting, open }: { acting: Acting; open: boolean }) {
  const t = useTranslations("tenant.release");
  const { run, pending } = useAction();
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("visitTitle")}</CardTitle>
        <CardDescription>{t(open ? "visitDescriptionOpen" : "visitDescriptionClosed")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-2">
        {note(acting)}
        <div>
          <ConfirmDialog
            trigger={
              <Button variant={open ? "destructive" : "default"} disabled={!acting.canOperate || pending}>
                {t(open ? "visitClose" : "visitOpen")}
              </Button>
            }
            title={t(open ? "visitCloseConfirmTitle" : "visitOpenConfirmTitle")}
            description={t(open ? "visitCloseConfirmDescription" : "visitOpenConfirmDescription")}
            confirmLabel={t(open ? "visitClose" : "visitOpen")}
            cancelLabel={t("cancel")}
            destructive={open}
            onConfirm={() => run(() => visitAction({ tenantId: acting.tenantId, open: !open }), { success: (d) => t(d.open ? "visitOpenedDone" : "visitClosedDone") })}
          />
        </div>
      </CardContent>
    </Card>
  );
}

/** The minimum base library: the user share per version as CSS bars with their numbers, and a new minimum from the list. */
export function BaseLibraryCard({ acting, library }: { acting: Acting; library: BaseLibrary }) {
  const t = useTranslations("tenant.release");
  const { run, pending } = useAction();
  const [version, setVersion] = useState(library.minimum);
  const max = Math.max(1, ...library.shares.map((s) => s.percentage));
  const index = library.shares.findIndex((s) => s.version === version);
  const older = Math.round(library.shares.slice(0, Math.max(index, 0)).reduce((sum, s) => sum + s.percentage, 0) * 100) / 100;
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("baseTitle")}</CardTitle>
        <CardDescription>{t("baseDescription")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        <p className="text-sm font-medium">{t("baseCurrent", { version: library.minimum })}</p>
        {library.shares.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("baseEmpty")}</p>
        ) : (
          <ul aria-label={t("baseChartLabel")} className="grid max-h-72 gap-1 overflow-y-auto pr-1">
            {library.shares.map((s) => (
              <li key={s.version} className="grid grid-cols-[4.5rem_1fr_3.5rem] items-center gap-2 text-xs" aria-label={t("baseRow", { version: s.version, percentage: s.percentage })}>
                <span className={s.version === library.minimum ? "font-mono font-semibold" : "font-mono"}>{s.version}</span>
                <span className="h-3 rounded bg-muted" aria-hidden>
                  <span className="block h-3 rounded bg-primary" style={{ width: `${(s.percentage / max) * 100}%` }} />
                </span>
                <span className="text-right tabular-nums" aria-hidden>
                  {s.percentage}%
                </span>
              </li>
            ))}
          </ul>
        )}
        <div className="grid gap-1.5">
          <Label htmlFor="base-version">{t("baseChoose")}</Label>
          <Select id="base-version" value={version} onChange={(e) => setVersion(e.target.value)} disabled={!acting.canOperate || pending || library.shares.length === 0}>
            {library.shares.map((s) => (
              <option key={s.version} value={s.version}>
                {s.version}
              </option>
            ))}
          </Select>
        </div>
        {note(acting)}
        <div>
          <ConfirmDialog
            trigger={<Button disabled={!acting.canOperate || pending || version === library.minimum || index < 0}>{t("baseAction")}</Button>}
            title={t("baseConfirmTitle", { version })}
            description={t("baseConfirmDescription", { percentage: older })}
            confirmLabel={t("baseAction")}
            cancelLabel={t("cancel")}
            destructive={false}
            onConfirm={() => run(() => baseLibraryAction({ tenantId: acting.tenantId, version }), { success: (d) => t("baseDone", d) })}
          />
        </div>
      </CardContent>
    </Card>
  );
}
