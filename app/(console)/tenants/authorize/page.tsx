import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { KeyRound } from "lucide-react";
import { EmptyState, PageHeader } from "@/components/shell/page-header";
import { AuthorizeForm, type AuthorizeAccount } from "@/components/tenants/authorize-form";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { listAccounts } from "@/lib/console/accounts";
import { hasRole } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { ONBOARDING_AUTH_TYPES } from "@/lib/console/onboarding";
import { ticketState } from "@/lib/console/verify-ticket";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("tenants.authorize"))("title") };
}

const STEPS = ["step1", "step2", "step3", "step4"] as const;

export default async function AuthorizePage() {
  const user = await requireUser("operator");
  const t = await getTranslations("tenants.authorize");
  const now = new Date();
  const accounts: AuthorizeAccount[] = (await listAccounts()).map((a) => ({
    id: a.id,
    name: a.name,
    platform: a.platform,
    ticket: ticketState(a.verifyTicketAt, now),
    sandbox: a.sandbox,
  }));
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {accounts.length === 0 ? (
        <EmptyState
          icon={<KeyRound />}
          title={t("noAccountsTitle")}
          description={hasRole(user.role, "admin") ? t("noAccountsAdmin") : t("noAccountsOther")}
          action={
            hasRole(user.role, "admin") ? (
              <Button asChild>
                <Link href="/settings/accounts">{t("toAccounts")}</Link>
              </Button>
            ) : null
          }
        />
      ) : (
        <div className="grid items-start gap-6 lg:grid-cols-[1fr_20rem]">
          <AuthorizeForm accounts={accounts} authTypes={ONBOARDING_AUTH_TYPES} />
          <Card className="h-fit">
            <CardHeader>
              <CardTitle>{t("stepsTitle")}</CardTitle>
            </CardHeader>
            <CardContent>
              <ol className="grid list-decimal gap-2 pl-5 text-sm text-muted-foreground">
                {STEPS.map((step) => (
                  <li key={step}>{t(`steps.${step}`)}</li>
                ))}
              </ol>
            </CardContent>
          </Card>
        </div>
      )}
    </>
  );
}
