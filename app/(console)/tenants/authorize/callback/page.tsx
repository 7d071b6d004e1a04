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

const code = z.string().trim().min(1).max(512);
// WeChat's page returns `auth_code`, Baidu's `authorization_code`; the account (and so the platform) rides along.
const params = z.union([z.object({ account: z.uuid(), auth_code: code }), z.object({ account: z.uuid(), authorization_code: code })]);

/**
 * The authorization page's redirect_uri: `?account=…&auth_code=…&expires_in=600` (WeChat) or
 * `?account=…&authorization_code=…&expires_in=…` (Baidu). Exchanging the code here (a GET) is the redirect's
 * contract; it is safe to repeat: a spent code is recognised and the tenant looked up instead.
 */
export default async function AuthorizeCallbackPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser("operator");
  const t = await getTranslations("tenants.callback");
  const parsed = params.safeParse(await searchParams);
  const outcome = parsed.success
    ? await completeAuthorization(
        parsed.data.account,
        "auth_code" in parsed.data ? parsed.data.auth_code : parsed.data.authorization_code,
        user.id,
        (await getLocale()) === "en" ? "en" : "zh-CN",
      )
    : ({ kind: "missingCode" } as const);
  return (
    <>
      <PageHeader title={t("title")} />
      <CallbackResult outcome={outcome} />
    </>
  );
}
