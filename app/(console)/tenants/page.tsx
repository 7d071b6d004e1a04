import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AlertTriangle, Building2, ChevronLeft, ChevronRight, Plus, SearchX } from "lucide-react";
import { z } from "zod";
import { EmptyState, PageHeader } from "@/components/shell/page-header";
import { parseFleetFilter } from "@/components/jobs/fleet-params";
import { fleetQuery } from "@/components/jobs/fleet-query";
import { SelectableTenantList } from "@/components/tenants/selectable-list";
import { TenantFilters, type TenantFilterValues } from "@/components/tenants/tenant-filters";
import { Button } from "@/components/ui/button";
import { listAccounts } from "@/lib/console/accounts";
import { hasRole } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { countFleet, listFleetTenants } from "@/lib/console/tenant-selection";
import { listTemplates } from "@/lib/console/templates";
import { listTags, statusCounts } from "@/lib/console/tenants/queries";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("tenants"))("title") };
}

// Anything malformed in the address reads as "not given", never as an error page.
const text = (max: number) => z.string().trim().max(max).optional().catch(undefined);
const cursors = z.object({ after: text(1000), before: text(1000) });

/** Templates of every account for the version filters (as last synced; the Templates page syncs). */
async function templateChoices(accountIds: string[]) {
  const lists = await Promise.all(accountIds.map((id) => listTemplates(id, { limit: 200 })));
  const seen = new Map<number, { id: number; userVersion: string }>();
  for (const row of lists.flat()) if (!seen.has(row.templateId)) seen.set(row.templateId, { id: row.templateId, userVersion: row.userVersion });
  return [...seen.values()].sort((a, b) => b.id - a.id);
}

export default async function TenantsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser("viewer");
  const raw = await searchParams;
  const input = cursors.parse({ after: raw.after, before: raw.before });
  const filter = parseFleetFilter(raw);
  const [t, page, total, counts, tags, accounts] = await Promise.all([
    getTranslations("tenants"),
    listFleetTenants(filter, { after: input.after, before: input.before }),
    countFleet(filter),
    statusCounts(),
    listTags(),
    listAccounts(),
  ]);
  const templates = await templateChoices(accounts.map((a) => a.id));
  const values: TenantFilterValues = {
    q: filter.q ?? "",
    status: filter.status ?? "",
    tag: filter.tag ?? "",
    account: filter.accountId ?? "",
    auditState: filter.auditState ?? "",
    trialTemplateId: filter.trialTemplateId ? String(filter.trialTemplateId) : "",
    liveTemplateId: filter.liveTemplateId ? String(filter.liveTemplateId) : "",
    driftFrom: filter.driftFrom ? String(filter.driftFrom) : "",
    gray: filter.gray === true,
  };
  const link = (cursor: Record<string, string>) => {
    const query = fleetQuery(filter);
    for (const [k, v] of Object.entries(cursor)) query.set(k, v);
    return `/tenants?${query}`;
  };
  const everything = counts.authorized + counts.needs_reauth + counts.unauthorized;
  const canAuthorize = hasRole(user.role, "operator");
  const authorizeButton = canAuthorize ? (
    <Button asChild>
      <Link href="/tenants/authorize">
        <Plus aria-hidden />
        {t("authorizeAction")}
      </Link>
    </Button>
  ) : null;

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} actions={authorizeButton} />
      {counts.needs_reauth > 0 && filter.status !== "needs_reauth" ? (
        <div role="alert" className="mb-4 flex flex-wrap items-center gap-3 rounded-lg border border-destructive/40 bg-destructive/5 px-4 py-3 text-sm text-destructive">
          <AlertTriangle className="size-5 shrink-0" aria-hidden />
          <span className="flex-1">{t("reauthBanner", { count: counts.needs_reauth })}</span>
          <Link href="/tenants?status=needs_reauth" className="font-medium underline underline-offset-4">
            {t("reauthShow")}
          </Link>
        </div>
      ) : null}
      {everything === 0 ? (
        <EmptyState
          icon={<Building2 />}
          title={t("emptyTitle")}
          description={canAuthorize ? t("emptyDescription") : t("emptyDescriptionViewer")}
          action={authorizeButton}
        />
      ) : (
        <TenantFilters values={values} tags={tags} accounts={accounts.map((a) => ({ id: a.id, name: a.name, sandbox: a.sandbox }))} templates={templates}>
          <p className="mb-2 text-sm text-muted-foreground" aria-live="polite" data-testid="tenant-count">
            {t("count", { count: total })}
          </p>
          {page.rows.length === 0 ? (
            <EmptyState icon={<SearchX />} title={t("noMatchTitle")} description={t("noMatchDescription")} />
          ) : (
            <SelectableTenantList
              rows={page.rows}
              filter={filter}
              total={total}
              showAccount={accounts.length > 1}
              sandboxAccountIds={accounts.filter((a) => a.sandbox).map((a) => a.id)}
              canOperate={canAuthorize}
            />
          )}
          {page.prev || page.next ? (
            <nav aria-label={t("pagination")} className="mt-4 flex gap-2">
              {page.prev ? (
                <Button asChild variant="outline" size="sm">
                  <Link href={link({ before: page.prev })}>
                    <ChevronLeft aria-hidden />
                    {t("previous")}
                  </Link>
                </Button>
              ) : null}
              {page.next ? (
                <Button asChild variant="outline" size="sm">
                  <Link href={link({ after: page.next })}>
                    {t("next")}
                    <ChevronRight aria-hidden />
                  </Link>
                </Button>
              ) : null}
            </nav>
          ) : null}
        </TenantFilters>
      )}
    </>
  );
}
