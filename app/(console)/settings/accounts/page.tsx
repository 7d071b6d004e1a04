import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { KeyRound } from "lucide-react";
import { AccountCard } from "@/components/accounts/account-card";
import { CreateAccountForm } from "@/components/accounts/create-account-form";
import { EmptyState, PageHeader } from "@/components/shell/page-header";
import { accountCards } from "@/lib/console/account-cards";
import { requireUser } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("accounts"))("title") };
}

export default async function PlatformAccountsPage() {
  await requireUser("admin");
  const t = await getTranslations("accounts");
  const accounts = await accountCards();
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="grid items-start gap-6 lg:grid-cols-[1fr_22rem]">
        <div className="grid gap-4">
          {accounts.length === 0 ? (
            <EmptyState icon={<KeyRound />} title={t("emptyTitle")} description={t("emptyDescription")} />
          ) : (
            accounts.map((account) => <AccountCard key={account.id} account={account} />)
          )}
        </div>
        <CreateAccountForm />
      </div>
    </>
  );
}
