import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { MousePointerClick } from "lucide-react";
import { parseKind, parseSelection, type SearchParams } from "@/components/jobs/fleet-params";
import { JobWizard } from "@/components/jobs/wizard/job-wizard";
import type { TemplateGroup } from "@/components/jobs/wizard/model";
import { EmptyState, PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { requireUser } from "@/lib/auth/session";
import { listAccounts } from "@/lib/console/accounts";
import { listAuditProfiles } from "@/lib/console/audit-profiles";
import { listPresets } from "@/lib/console/presets";
import { countSelection, selectionAccounts, selectionNames } from "@/lib/console/tenant-selection";
import { listTemplates } from "@/lib/console/templates";
import type { FleetFilter, TenantSelection } from "@/lib/jobs/params";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("jobs"))("wizard.title") };
}

/** The filter in words: "Authorization: Authorized · Tag: 零售 · Live is not template: 12". */
async function describeFilter(filter: FleetFilter, accounts: { id: string; name: string }[]): Promise<string> {
  const [t, tf, ts] = await Promise.all([getTranslations("jobs"), getTranslations("tenants.filters"), getTranslations("tenants.status")]);
  const parts: string[] = [];
  if (filter.q) parts.push(`${tf("search")}: ${filter.q}`);
  if (filter.status) parts.push(`${tf("status")}: ${ts(filter.status)}`);
  if (filter.tag) parts.push(`${tf("tag")}: ${filter.tag}`);
  if (filter.accountId) parts.push(`${tf("account")}: ${accounts.find((a) => a.id === filter.accountId)?.name ?? filter.accountId}`);
  if (filter.auditState) parts.push(`${t("fleetFilters.auditState")}: ${t(`fleetFilters.auditStates.${filter.auditState}`)}`);
  if (filter.trialTemplateId) parts.push(`${t("fleetFilters.trialTemplate")}: ${filter.trialTemplateId}`);
  if (filter.liveTemplateId) parts.push(`${t("fleetFilters.liveTemplate")}: ${filter.liveTemplateId}`);
  if (filter.driftFrom) parts.push(`${t("fleetFilters.driftFrom")}: ${filter.driftFrom}`);
  if (filter.gray) parts.push(t("fleetFilters.gray"));
  return parts.length ? parts.join(" · ") : t("wizard.everything");
}

async function SelectionSummary({ selection, accounts }: { selection: TenantSelection; accounts: { id: string; name: string }[] }) {
  const t = await getTranslations("jobs.wizard");
  const count = await countSelection(selection);
  if ("tenantIds" in selection) {
    const names = await selectionNames(selection.tenantIds, 8);
    return (
      <>
        <p className="font-medium" data-testid="selection-size" data-count={count}>
          {t("pickedCount", { count })}
        </p>
        <p className="text-muted-foreground">
          {names.map((n) => n.nickname || n.appid).join("、")}
          {count > names.length ? "…" : ""}
        </p>
      </>
    );
  }
  return (
    <>
      <p className="font-medium" data-testid="selection-size" data-count={count}>
        {t("matchingCount", { count })}
      </p>
      <p className="text-muted-foreground">{t("filterSummary", { filter: await describeFilter(selection.filter, accounts) })}</p>
      {selection.except.length ? <p className="text-muted-foreground">{t("exceptCount", { count: selection.except.length })}</p> : null}
    </>
  );
}

/**
 * The job wizard. Reached from the tenant list's selection bar (`ids=…`, or `all=1` + the filter + `except=…`, or
 * `sel=stash` for a pick too long for an address) and from the fleet board (`kind=pipeline` + its fleet filter).
 */
export default async function NewJobPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireUser("operator");
  const params = await searchParams;
  const selection = parseSelection(params);
  const t = await getTranslations("jobs");
  if (!selection) {
    return (
      <>
        <PageHeader title={t("wizard.title")} description={t("wizard.description")} />
        <EmptyState
          icon={<MousePointerClick />}
          title={t("wizard.noSelectionTitle")}
          description={t("wizard.noSelection")}
          action={
            <Button asChild>
              <Link href="/tenants">{t("list.toTenants")}</Link>
            </Button>
          }
        />
      </>
    );
  }
  const [accounts, presets, profiles, covered] = await Promise.all([
    listAccounts(),
    listPresets(),
    listAuditProfiles(),
    // A stashed selection is only in the browser: the wizard asks for its accounts itself.
    selection === "stash" ? Promise.resolve(null) : selectionAccounts(selection),
  ]);
  const templates: TemplateGroup[] = await Promise.all(
    accounts.map(async (a) => ({
      accountId: a.id,
      accountName: a.name,
      templates: (await listTemplates(a.id, { limit: 200 })).map((row) => ({ id: row.templateId, userVersion: row.userVersion, userDesc: row.userDesc })),
    })),
  );
  // "Bring up to date" with a template: that template, when this console has it.
  const target = selection !== "stash" && "filter" in selection ? selection.filter.driftFrom : undefined;
  const initialTemplateId = templates.some((g) => g.templates.some((tpl) => tpl.id === target)) ? target : undefined;
  return (
    <>
      <PageHeader title={t("wizard.title")} description={t("wizard.description")} />
      <JobWizard
        initialKind={parseKind(params) ?? "pipeline"}
        initialTemplateId={initialTemplateId}
        selection={selection}
        summary={selection === "stash" ? null : <SelectionSummary selection={selection} accounts={accounts} />}
        templates={templates.filter((g) => g.templates.length > 0)}
        presets={presets.map((p) => ({ id: p.id, name: p.name, extJson: p.extJson }))}
        profiles={profiles.map((p) => ({ id: p.id, name: p.name }))}
        accounts={covered}
      />
    </>
  );
}
