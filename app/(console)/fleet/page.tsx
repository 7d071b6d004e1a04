import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ChevronLeft, ChevronRight, Layers, QrCode, RefreshCw, SearchX, Wand2 } from "lucide-react";
import { z } from "zod";
import { EmptyState, PageHeader } from "@/components/shell/page-header";
import { FleetFilters, type FleetFilterValues } from "@/components/fleet/fleet-filters";
import { FleetSummaryBar } from "@/components/fleet/fleet-summary-bar";
import { FleetTable } from "@/components/fleet/fleet-table";
import { Button } from "@/components/ui/button";
import { hasRole } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { listAccounts } from "@/lib/console/accounts";
import { countFleet, listFleet, QR_WALL_MAX } from "@/lib/console/fleet-queries";
import { fleetFilterFromSearch, fleetSearchOf } from "@/lib/console/fleet-search";
import { fleetSummary, fleetTemplateOptions } from "@/lib/console/fleet-summary";
import { listTags } from "@/lib/console/tenants/queries";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("fleet"))("title") };
}

// A malformed cursor reads as "first page", never as an error page (the filter is read the same way).
const cursor = z.object({ after: z.string().max(1000).optional().catch(undefined), before: z.string().max(1000).optional().catch(undefined) });
type SearchParams = Record<string, string | string[] | undefined>;

/**
 * The fleet version board: every mini-program's trial, review, live and gray versions with their templates (from the
 * fleet snapshots, no platform call), a summary per live template, filters, and the ways on: a job bringing the
 * drifted ones up to the target template, a job refreshing the version info, and the QR wall of the page.
 */
export default async function FleetPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireUser("viewer");
  const search = await searchParams;
  const filter = fleetFilterFromSearch(search);
  const page = cursor.parse({ after: first(search.after), before: first(search.before) });
  const [t, rows, total, summary, tags, accounts, templates] = await Promise.all([
    getTranslations("fleet"),
    listFleet(filter, page),
    countFleet(filter),
    fleetSummary(filter),
    listTags(),
    listAccounts(),
    fleetTemplateOptions(filter.accountId),
  ]);
  const canOperate = hasRole(user.role, "operator");
  const link = (extra: Record<string, string | number | undefined>, over: Partial<typeof filter> = {}) => `/fleet?${fleetSearchOf({ ...filter, ...over }, extra)}`;
  const values: FleetFilterValues = {
    q: filter.q ?? "",
    status: filter.status ?? "",
    tag: filter.tag ?? "",
    accountId: filter.accountId ?? "",
    auditState: filter.auditState ?? "",
    liveTemplateId: filter.liveTemplateId ? String(filter.liveTemplateId) : "",
    gray: filter.gray === true,
    driftFrom: filter.driftFrom ? String(filter.driftFrom) : "",
  };
  const wallIds = rows.rows.slice(0, QR_WALL_MAX).map((r) => r.id);
  const drift = summary.drift;

  const actions = canOperate ? (
    <>
      <Button asChild variant="outline" title={t("actions.refreshHint")}>
        <Link href={`/jobs/new?${fleetSearchOf(filter, { kind: "refresh_versions", all: 1 })}`} data-testid="fleet-refresh">
          <RefreshCw aria-hidden />
          {t("actions.refresh")}
        </Link>
      </Button>
      {drift && drift.drifted > 0 ? (
        <Button asChild>
          <Link
            href={`/jobs/new?${fleetSearchOf(filter, { kind: "pipeline", all: 1 })}`}
            title={t("actions.bringUpToDateHint", { count: drift.drifted, template: drift.target.templateId })}
            data-testid="fleet-bring-up-to-date"
          >
            <Wand2 aria-hidden />
            {t("actions.bringUpToDate")}
          </Link>
        </Button>
      ) : null}
    </>
  ) : null;

  if (summary.total === 0 && Object.keys(filter).length === 0) {
    return (
      <>
        <PageHeader title={t("title")} description={t("description")} />
        <EmptyState icon={<Layers />} title={t("emptyTitle")} description={t("emptyDescription")} />
      </>
    );
  }

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} actions={actions} />
      <FleetFilters values={values} tags={tags} accounts={accounts.map((a) => ({ id: a.id, name: a.name }))} templates={templates}>
        <FleetSummaryBar summary={summary} linkOf={(id) => link({}, { liveTemplateId: id })} />
        <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
          <p className="text-sm text-muted-foreground" aria-live="polite" data-testid="fleet-count">
            {t("count", { count: total })}
          </p>
          {wallIds.length > 0 ? (
            <Button asChild variant="outline" size="sm" title={t("actions.qrWallHint")}>
              <Link href={`/fleet/qr-wall?ids=${wallIds.join(",")}`}>
                <QrCode aria-hidden />
                {t("actions.qrWall")}
              </Link>
            </Button>
          ) : null}
        </div>
        {rows.rows.length === 0 ? (
          <EmptyState icon={<SearchX />} title={t("noMatchTitle")} description={t("noMatchDescription")} />
        ) : (
          <FleetTable rows={rows.rows} showStatus />
        )}
        {rows.prev || rows.next ? (
          <nav aria-label={t("pagination")} className="mt-4 flex gap-2">
            {rows.prev ? (
              <Button asChild variant="outline" size="sm">
                <Link href={link({ before: rows.prev })}>
                  <ChevronLeft aria-hidden />
                  {t("previous")}
                </Link>
              </Button>
            ) : null}
            {rows.next ? (
              <Button asChild variant="outline" size="sm">
                <Link href={link({ after: rows.next })}>
                  {t("next")}
                  <ChevronRight aria-hidden />
                </Link>
              </Button>
            ) : null}
          </nav>
        ) : null}
      </FleetFilters>
    </>
  );
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
