import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Building2, KeyRound, ListChecks, Users } from "lucide-react";
import { PageHeader, EmptyState } from "@/components/shell/page-header";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { hasRole } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import type { Role } from "@/lib/vocab";
import { overviewCounts } from "@/lib/console/overview";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("overview"))("title") };
}

/** The empty state's way forward: a platform account first (admins), then the authorization link (operators). */
async function onboardingLink(role: Role, accounts: number) {
  if (!hasRole(role, "operator")) return null;
  const toAccounts = accounts === 0 && hasRole(role, "admin");
  const t = await getTranslations();
  return (
    <Button asChild>
      <Link href={toAccounts ? "/settings/accounts" : "/tenants/authorize"}>{toAccounts ? t("accounts.createTitle") : t("tenants.authorize.title")}</Link>
    </Button>
  );
}

export default async function OverviewPage() {
  const user = await requireUser("viewer");
  const t = await getTranslations("overview");
  const counts = await overviewCounts();
  const stats = [
    { key: "accounts", value: counts.accounts, icon: KeyRound },
    { key: "tenants", value: counts.tenants, icon: Building2 },
    { key: "operators", value: counts.operators, icon: Users },
    { key: "operations", value: counts.operations, icon: ListChecks },
  ] as const;
  return (
    <>
      <PageHeader title={t("title")} description={t("welcome", { name: user.name })} />
      <section aria-label={t("stats")} className="mb-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {stats.map(({ key, value, icon: Icon }) => (
          <Card key={key}>
            <CardHeader className="flex-row items-center justify-between">
              <CardTitle className="text-sm font-medium text-muted-foreground">{t(`stat.${key}`)}</CardTitle>
              <Icon className="size-4 text-muted-foreground" aria-hidden />
            </CardHeader>
            <CardContent>
              <p className="text-3xl font-semibold tabular-nums" data-testid={`stat-${key}`}>
                {value.toLocaleString()}
              </p>
            </CardContent>
          </Card>
        ))}
      </section>
      {counts.tenants === 0 ? (
        <EmptyState icon={<Building2 />} title={t("emptyTitle")} description={t("emptyDescription")} action={await onboardingLink(user.role, counts.accounts)} />
      ) : null}
    </>
  );
}
