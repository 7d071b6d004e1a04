import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuthShell } from "@/components/auth/auth-shell";
import { SetupForm } from "@/components/auth/setup-form";
import { operatorCount } from "@/lib/console/operators";
import { setupCodeRequired } from "@/lib/console/setup";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("setup"))("title") };
}

export default async function SetupPage() {
  if ((await operatorCount()) > 0) redirect("/login");
  const t = await getTranslations("setup");
  return (
    <AuthShell title={t("title")} subtitle={t("subtitle")}>
      <SetupForm codeRequired={setupCodeRequired()} />
    </AuthShell>
  );
}
