import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { KeyRound } from "lucide-react";
import { z } from "zod";
import { ClearControls } from "@/components/quota/clear-controls";
import { DayChart } from "@/components/quota/day-chart";
import { LookupPanel } from "@/components/quota/lookup-panel";
import { QuotaCards } from "@/components/quota/quota-cards";
import { RefreshButton } from "@/components/quota/refresh-button";
import { EmptyState, PageHeader } from "@/components/shell/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { hasRole } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { quotaAccounts, quotaDashboard, quotaTenants } from "@/lib/console/quota";
import { plannedSubmissions } from "@/lib/jobs";
import { cn } from "@/lib/utils/cn";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("quota"))("title") };
}

// Anything malformed in the address reads as "not given"; a toast's "look up" link brings rid and tenant.
const params = z.object({
  account: z.uuid().optional().catch(undefined),
  tenant: z.uuid().optional().catch(undefined),
  rid: z.string().regex(/^[\w-]{1,64}$/).optional().catch(undefined),
});

/** One platform account's quotas: audit quota with forecast, spend per day, withdrawals, clears, and look-ups. */
export default async function QuotaPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser("viewer");
  const input = params.parse(await searchParams);
  const [t, locale, accounts] = await Promise.all([getTranslations("quota"), getLocale(), quotaAccounts()]);
  if (accounts.length === 0) {
    return (
      <>
        <PageHeader title={t("title")} description={t("description")} />
        <EmptyState icon={<KeyRound />} title={t("noAccountsTitle")} description={t("noAccountsDescription")} />
      </>
    );
  }
  // A look-up link names the tenant only: its account is the one to show.
  const tenantAccount = input.tenant ? (await quotaTenants({ tenantId: input.tenant }))[0]?.accountId : undefined;
  const account = accounts.find((a) => a.id === (input.account ?? tenantAccount)) ?? accounts[0]!;
  const [board, tenants, planned] = await Promise.all([
    quotaDashboard(account.id, { actorId: user.id }),
    quotaTenants({ accountId: account.id }),
    plannedSubmissions(account.id),
  ]);
  const canAct = hasRole(user.role, "operator");
  const options = tenants.map((x) => ({ id: x.id, name: x.name }));

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} actions={<RefreshButton />} />
      {accounts.length > 1 ? (
        <nav aria-label={t("account")} className="mb-4 flex flex-wrap gap-2">
          {accounts.map((a) => (
            <Link
              key={a.id}
              href={`/quota?account=${a.id}`}
              aria-current={a.id === account.id ? "page" : undefined}
              className={cn("rounded-full border border-border px-3 py-1 text-sm hover:bg-muted", a.id === account.id && "border-primary bg-accent font-medium text-primary")}
            >
              {a.name}
            </Link>
          ))}
        </nav>
      ) : null}
      {!canAct ? <p className="mb-4 text-sm text-muted-foreground">{t("viewerReason")}</p> : null}
      <div className="grid gap-6">
        <QuotaCards audit={board.audit} planned={planned} locale={locale === "en" ? "en" : "zh-CN"} />
        <Card>
          <CardHeader>
            <CardTitle>{t("chart.title")}</CardTitle>
            <CardDescription>{t("chart.description")}</CardDescription>
          </CardHeader>
          <CardContent>
            <DayChart days={board.days} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t("undos.title")}</CardTitle>
            <CardDescription>{t("undos.description", board.undoLimits)}</CardDescription>
          </CardHeader>
          <CardContent>
            {board.undos.length === 0 ? (
              <p className="text-sm text-muted-foreground">{t("undos.none")}</p>
            ) : (
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHead>{t("undos.tenant")}</TableHead>
                    <TableHead>{t("undos.today")}</TableHead>
                    <TableHead>{t("undos.month")}</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {board.undos.map((u) => (
                    <TableRow key={u.tenantId}>
                      <TableCell>
                        <Link href={`/tenants/${u.tenantId}`} className="hover:underline">
                          {u.name || u.appid}
                        </Link>
                      </TableCell>
                      <TableCell className={cn("tabular-nums", u.day >= board.undoLimits.day && "text-destructive")}>
                        {u.day} / {board.undoLimits.day}
                      </TableCell>
                      <TableCell className={cn("tabular-nums", u.month >= board.undoLimits.month && "text-destructive")}>
                        {u.month} / {board.undoLimits.month}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t("clear.title")}</CardTitle>
            <CardDescription>{t("clear.description", { left: Math.max(0, board.clears.limit - board.clears.used), limit: board.clears.limit })}</CardDescription>
          </CardHeader>
          <CardContent>
            <ClearControls
              accountId={account.id}
              tenants={options}
              limit={board.clears.limit}
              left={board.clears.limit - board.clears.used}
              disabledReason={canAct ? undefined : t("viewerReason")}
            />
          </CardContent>
        </Card>
        <Card id="lookup">
          <CardHeader>
            <CardTitle>{t("lookup.title")}</CardTitle>
            <CardDescription>{t("lookup.description")}</CardDescription>
          </CardHeader>
          <CardContent>
            <LookupPanel accountId={account.id} tenants={options} rid={input.rid} tenantId={input.tenant} />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
