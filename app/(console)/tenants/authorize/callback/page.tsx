import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { CallbackResult } from "@/components/tenants/callback-result";
import { PageHeader } from "@/components/shell/page-header";
import { requireUser } from "@/lib/auth/session";
import { completeAuthorization } from "@/lib/console/onboarding";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("tenants.callback"))("title") };
}

const params = z.object({
  account: z.uuid(),
  auth_code: z.string().trim().min(1).max(512),
});

/**
 * The authorization page's redirect_uri: `?account=…&auth_code=…&expires_in=600`. Exchanging the code here (a GET)
 * is the redirect's contract; it is safe to repeat: a spent code is recognised and the tenant looked up instead.
 */
export default async function AuthorizeCallbackPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser("operator");
  const t = await getTranslations("tenants.callback");
  const parsed = params.safeParse(await searchParams);
  const outcome = parsed.success
    ? await completeAuthorization(parsed.data.account, parsed.data.auth_code, user.id, (await getLocale()) === "en" ? "en" : "zh-CN")
    : ({ kind: "missingCode" } as const);
  return (
    <>
      <PageHeader title={t("title")} />
      <CallbackResult outcome={outcome} />
    </>
  );
}
