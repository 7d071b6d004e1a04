import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuthorizeShell } from "@/components/sandbox-authorize/authorize-shell";
import { AuthorizeProblemCard } from "@/components/sandbox-authorize/authorize-problem";
import { ConsentForm } from "@/components/sandbox-authorize/consent-form";
import type { HiddenRequest } from "@/components/sandbox-authorize/types";
import { PermissionList } from "@/components/sandbox-authorize/permission-list";
import { env } from "@/lib/env";
import { searchAuthorizers, validateAuthorizeRequest } from "@/lib/sandbox/authorize";
import { SEARCH_LIMIT } from "@/lib/sandbox/authorize-catalog";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("sandboxAuthorize"))("metaTitle"), robots: { index: false, follow: false } };
}

/**
 * Stands in for https://mp.weixin.qq.com/cgi-bin/componentloginpage and the H5 bindcomponent link (reference §1.4):
 * same query parameters; H5-only ones (action=bindcomponent, no_scan=1) are accepted and ignored.
 */
export default async function SandboxAuthorizePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (!env.SANDBOX) notFound();
  const checked = await validateAuthorizeRequest(await searchParams);
  if (!checked.ok) {
    return (
      <AuthorizeShell>
        <AuthorizeProblemCard problem={checked.problem} />
      </AuthorizeShell>
    );
  }
  const { request } = checked;
  const [t, miniPrograms] = await Promise.all([getTranslations("sandboxAuthorize"), searchAuthorizers(request, "", SEARCH_LIMIT)]);
  const hidden: HiddenRequest = {
    component_appid: request.componentAppid,
    pre_auth_code: request.preAuthCode,
    redirect_uri: request.redirectUri,
    auth_type: request.authType === null ? undefined : String(request.authType),
    biz_appid: request.bizAppid ?? undefined,
    category_id_list: request.funcInfoIsDefault ? undefined : request.funcInfo.join("|"),
  };
  return (
    <AuthorizeShell>
      <section className="rounded-lg border border-border bg-card p-6 shadow-sm" aria-labelledby="authorize-title">
        <div className="flex items-center gap-4">
          <span className="grid size-14 shrink-0 place-items-center rounded-xl bg-accent text-xl font-semibold text-primary" aria-hidden>
            {request.platformName.slice(0, 1)}
          </span>
          <div className="min-w-0">
            <h1 id="authorize-title" className="text-lg font-semibold">
              {t("title", { platform: request.platformName })}
            </h1>
            <p className="truncate text-xs text-muted-foreground">
              {t("componentAppid")} <span className="font-mono">{request.componentAppid}</span>
            </p>
          </div>
        </div>
        <p className="mt-4 text-sm text-muted-foreground">{t("requesting", { platform: request.platformName })}</p>
        <PermissionList ids={request.funcInfo} isDefault={request.funcInfoIsDefault} />
        <ConsentForm request={hidden} initial={miniPrograms} platformName={request.platformName} redirectHost={new URL(request.redirectUri).host} />
      </section>
    </AuthorizeShell>
  );
}
