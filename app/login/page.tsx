import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LoginForm } from "@/components/auth/login-form";
import { AuthShell } from "@/components/auth/auth-shell";
import { getCurrentUser } from "@/lib/auth/session";
import { safeCallbackPath } from "@/lib/auth/config";
import { operatorCount } from "@/lib/console/operators";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("login"))("title") };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  const back = safeCallbackPath(callbackUrl);
  if (await getCurrentUser()) redirect(back);
  if ((await operatorCount()) === 0) redirect("/setup");
  const t = await getTranslations("login");
  return (
    <AuthShell title={t("title")} subtitle={t("subtitle")}>
      <LoginForm callbackUrl={back} />
    </AuthShell>
  );
}
