import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormAlert } from "@/components/ui/form-alert";
import type { QuotaDashboard } from "@/lib/console/quota";
import { cn } from "@/lib/utils/cn";

/** A quota as a bar of what is left; red under a fifth, so a nearly spent quota is seen before it refuses. */
function QuotaBar({ label, left, limit }: { label: string; left: number; limit: number }) {
  const share = limit > 0 ? Math.min(100, Math.round((left / limit) * 100)) : 0;
  return (
    <div className="grid gap-1.5">
      <div
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={limit}
        aria-valuenow={left}
        className="h-2.5 overflow-hidden rounded-full bg-muted"
      >
        <div className={cn("h-full rounded-full bg-primary", share < 20 && "bg-destructive")} style={{ width: `${share}%` }} />
      </div>
    </div>
  );
}

/** `planned`: submissions the running bulk jobs still plan on this account (lib/jobs plannedSubmissions). */
export async function QuotaCards({ audit, planned, locale }: { audit: QuotaDashboard["audit"]; planned: number; locale: "en" | "zh-CN" }) {
  const t = await getTranslations("quota");
  if (audit === null) return <FormAlert tone="error">{t("audit.noTenant")}</FormAlert>;
  if ("refusal" in audit) {
    const { code, meaning, rid } = audit.refusal;
    const error = `${code === null ? "" : `${code} — `}${meaning[locale]}${rid ? ` (rid: ${rid})` : ""}`;
    return <FormAlert>{t("audit.refused", { error })}</FormAlert>;
  }
  const { quota, forecast, via } = audit;
  const perDay = forecast.perDay.toFixed(1);
  const cards = [
    { key: "submits", title: t("audit.submits"), left: quota.submitsLeft, limit: quota.submitLimit },
    { key: "speedups", title: t("audit.speedups"), left: quota.speedupsLeft, limit: quota.speedupLimit },
  ];
  return (
    <div className="grid gap-3">
      <div className="grid gap-4 sm:grid-cols-2">
        {cards.map((c) => (
          <Card key={c.key} data-testid={`quota-${c.key}`}>
            <CardHeader>
              <CardTitle>{c.title}</CardTitle>
              <CardDescription>{t("audit.of", { left: c.left, limit: c.limit })}</CardDescription>
            </CardHeader>
            <CardContent>
              <p className="mb-2 text-3xl font-semibold tabular-nums">{c.left}</p>
              <QuotaBar label={c.title} left={c.left} limit={c.limit} />
            </CardContent>
          </Card>
        ))}
      </div>
      <p className="text-sm" data-testid="quota-forecast">
        {quota.submitsLeft <= 0
          ? t("forecast.spent")
          : forecast.runsOutOn
            ? t("forecast.runsOut", { perDay, date: forecast.runsOutOn })
            : t("forecast.lasts", { perDay })}
      </p>
      {planned > 0 ? (
        <p className={cn("text-sm", planned > quota.submitsLeft && "text-destructive")} data-testid="quota-planned">
          {t(planned > quota.submitsLeft ? "forecast.plannedOver" : "forecast.planned", { count: planned, left: quota.submitsLeft })}
        </p>
      ) : null}
      <p className="text-xs text-muted-foreground">{t("audit.via", { name: via.name })}</p>
    </div>
  );
}
