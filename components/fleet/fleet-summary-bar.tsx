import type { ReactNode } from "react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { FleetSummary } from "@/lib/console/fleet-summary";

/**
 * The summary bar above the board: "412 on template 31 (1.2.0) · 88 on 29 · 20 nothing live", each template a link
 * that narrows the board to it, and against a target template how many are up to date and how many drifted.
 * `linkOf` builds the address of the board with one more filter.
 */
export async function FleetSummaryBar({ summary, linkOf }: { summary: FleetSummary; linkOf: (liveTemplateId: number) => string }) {
  const t = await getTranslations("fleet.summary");
  const parts: { key: string; node: ReactNode }[] = summary.live.map((g) => ({
    key: `t${g.templateId}`,
    node: (
      <Link href={linkOf(g.templateId)} className="underline-offset-4 hover:underline" aria-label={t("showTemplate", { id: g.templateId })} title={g.userDesc ?? undefined}>
        {g.userVersion
          ? t("onTemplateWithVersion", { count: g.n, id: g.templateId, version: g.userVersion })
          : t("onTemplate", { count: g.n, id: g.templateId })}
      </Link>
    ),
  }));
  if (summary.unknownTemplate) parts.push({ key: "unknown", node: t("unknownTemplate", { count: summary.unknownTemplate }) });
  if (summary.nothingLive) parts.push({ key: "none", node: t("nothingLive", { count: summary.nothingLive }) });
  if (summary.unread) parts.push({ key: "unread", node: t("unread", { count: summary.unread }) });
  const drift = summary.drift;
  const target = drift && (drift.target.userVersion ? t("targetWithVersion", { id: drift.target.templateId, version: drift.target.userVersion }) : String(drift.target.templateId));

  return (
    <section aria-label={t("label")} className="mb-4 grid gap-2 rounded-lg border border-border bg-card px-4 py-3 text-sm" data-testid="fleet-summary">
      <p className="flex flex-wrap gap-x-3 gap-y-1">
        <span className="font-medium">{t("total", { count: summary.total })}</span>
        {parts.map((p) => (
          <span key={p.key} className="text-muted-foreground before:mr-3 before:content-['·']">
            {p.node}
          </span>
        ))}
      </p>
      {drift ? (
        <p className="font-medium" data-testid="fleet-drift">
          {t("drift", { template: target!, upToDate: drift.upToDate, drifted: drift.drifted })}
        </p>
      ) : null}
    </section>
  );
}
