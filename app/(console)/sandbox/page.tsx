import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/shell/page-header";
import { SandboxConsole } from "@/components/sandbox/sandbox-console";
import { AUTHORIZERS_SHOWN } from "@/lib/hooks/sandbox-state-query";
import { requireUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { getSandboxState } from "@/lib/sandbox/control-state";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("sandbox"))("title") };
}

export default async function SandboxPage() {
  await requireUser("admin");
  if (!env.SANDBOX) notFound();
  const t = await getTranslations("sandbox");
  // The first render comes with the state; the client then polls /sandbox/control/state for changes.
  const initial = await getSandboxState({ limit: AUTHORIZERS_SHOWN, offset: 0 });
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <SandboxConsole initial={initial} />
    </>
  );
}
