import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { getFormatter, getTranslations } from "next-intl/server";
import { FileCode2, KeyRound, SearchX } from "lucide-react";
import { z } from "zod";
import { EmptyState, PageHeader } from "@/components/shell/page-header";
import { DraftsSection } from "@/components/templates/drafts-section";
import { SyncControls } from "@/components/templates/sync-controls";
import { TemplateSearch } from "@/components/templates/template-search";
import { TemplateTable } from "@/components/templates/template-table";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormAlert } from "@/components/ui/form-alert";
import { Skeleton } from "@/components/ui/skeleton";
import { hasRole } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { listTemplates, templateAccounts } from "@/lib/console/templates";
import { cn } from "@/lib/utils/cn";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("templates"))("title") };
}

// Anything malformed in the address reads as "not given", never as an error page.
const params = z.object({
  account: z.uuid().optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
});

/** One platform account's template library: its draft box, its templates (as last synced), and how full it is. */
export default async function TemplatesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser("viewer");
  const input = params.parse(await searchParams);
  const [t, format, accounts] = await Promise.all([getTranslations("templates"), getFormatter(), templateAccounts()]);
  if (accounts.length === 0) {
    return (
      <>
        <PageHeader title={t("title")} description={t("description")} />
        <EmptyState icon={<KeyRound />} title={t("noAccountsTitle")} description={t("noAccountsDescription")} />
      </>
    );
  }
  const account = accounts.find((a) => a.id === input.account) ?? accounts[0]!;
  const q = input.q ?? "";
  const rows = await listTemplates(account.id, { q, limit: 500 });
  const canAct = hasRole(user.role, "operator");
  const full = account.count >= account.limit;
  const roleReason = canAct ? undefined : t("viewerReason");
  const syncedLabel = account.syncedAt ? t("syncedAt", { time: format.dateTime(account.syncedAt, { dateStyle: "medium", timeStyle: "short" }) }) : t("neverSynced");

  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={<SyncControls accountId={account.id} stale={account.stale} canAct={canAct} syncedLabel={syncedLabel} />}
      />
      {accounts.length > 1 ? (
        <nav aria-label={t("account")} className="mb-4 flex flex-wrap gap-2">
          {accounts.map((a) => (
            <Link
              key={a.id}
              href={`/templates?account=${a.id}`}
              aria-current={a.id === account.id ? "page" : undefined}
              className={cn(
                "rounded-full border border-border px-3 py-1 text-sm hover:bg-muted",
                a.id === account.id && "border-primary bg-accent font-medium text-primary",
              )}
            >
              {a.sandbox ? t("sandboxAccount", { name: a.name }) : a.name}
            </Link>
          ))}
        </nav>
      ) : null}
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <Badge variant={full ? "destructive" : "secondary"}>{t("cap", { count: account.count, limit: account.limit })}</Badge>
        {!canAct ? <p className="text-sm text-muted-foreground">{roleReason}</p> : null}
      </div>
      {full ? (
        <div className="mb-4">
          <FormAlert>{t("capFull", { count: account.count, limit: account.limit })}</FormAlert>
        </div>
      ) : null}
      {/* One column that never grows past the page: a wide table scrolls inside its card. */}
      <div className="grid grid-cols-1 gap-6">
        <Card>
          <CardHeader>
            <CardTitle>{t("drafts.title")}</CardTitle>
            <CardDescription>{t("drafts.description")}</CardDescription>
          </CardHeader>
          <CardContent>
            <Suspense
              key={account.id}
              fallback={
                <div className="grid gap-2" aria-busy="true" aria-label={t("drafts.loading")}>
                  <Skeleton className="h-8" />
                  <Skeleton className="h-8" />
                </div>
              }
            >
              <DraftsSection
                accountId={account.id}
                actorId={user.id}
                disabledReason={roleReason ?? (full ? t("drafts.addFullReason", { limit: account.limit }) : undefined)}
                describe={account.platform === "baidu"}
              />
            </Suspense>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t("list.title")}</CardTitle>
            {q && rows.length > 0 ? <CardDescription>{t("list.matches", { count: rows.length, q })}</CardDescription> : null}
          </CardHeader>
          <CardContent>
            <TemplateSearch accountId={account.id} q={q}>
              {rows.length > 0 ? (
                <TemplateTable accountId={account.id} rows={rows} disabledReason={roleReason} />
              ) : q ? (
                <EmptyState icon={<SearchX />} title={t("list.noMatch", { q })} />
              ) : (
                <EmptyState icon={<FileCode2 />} title={t("list.empty")} />
              )}
            </TemplateSearch>
          </CardContent>
        </Card>
      </div>
    </>
  );
}
