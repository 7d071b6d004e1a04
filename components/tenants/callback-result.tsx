import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AlertTriangle, CheckCircle2, Info, XCircle } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { CallbackOutcome } from "@/lib/console/onboarding";
import { CODE_MANAGEMENT_SET, type TenantRow } from "@/lib/console/tenants/queries";
import { TenantStatusBadge } from "./tenant-badges";

type Outcome = CallbackOutcome | { kind: "missingCode" };

async function TenantSummary({ tenant }: { tenant: TenantRow }) {
  const [t, ts] = [await getTranslations("tenants.callback"), await getTranslations("tenants.status")];
  const codeManagement = tenant.permissionSets.includes(CODE_MANAGEMENT_SET);
  return (
    <div className="grid gap-3 rounded-md border border-border p-4" data-testid={`onboarded-${tenant.appid}`}>
      <div className="flex flex-wrap items-center gap-3">
        <span className="font-medium">{tenant.nickname || tenant.appid}</span>
        <TenantStatusBadge status={tenant.status} label={ts(tenant.status)} />
      </div>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-muted-foreground">{t("appid")}</dt>
        <dd className="font-mono">{tenant.appid}</dd>
        <dt className="text-muted-foreground">{t("principal")}</dt>
        <dd>{tenant.principalName || "—"}</dd>
        <dt className="text-muted-foreground">{t("permissionSets")}</dt>
        <dd className="font-mono text-xs">{tenant.permissionSets.join(", ") || "—"}</dd>
      </dl>
      {codeManagement ? null : (
        <div role="alert" className="flex gap-2 rounded-md border border-warning/40 bg-warning/10 px-3 py-2 text-sm text-warning">
          <AlertTriangle className="mt-0.5 size-4 shrink-0" aria-hidden />
          <span>{t("noCodeManagement")}</span>
        </div>
      )}
      <Button asChild variant="outline" size="sm" className="justify-self-start">
        <Link href={`/tenants?${new URLSearchParams({ q: tenant.appid })}`}>{t("showInList")}</Link>
      </Button>
    </div>
  );
}

/** What became of the redirect: the tenant, the push having been faster, or the platform's refusal (errcode + meaning). */
export async function CallbackResult({ outcome }: { outcome: Outcome }) {
  const t = await getTranslations("tenants.callback");
  const again = (
    <Button asChild variant={outcome.kind === "onboarded" ? "outline" : "default"} className="justify-self-start">
      <Link href="/tenants/authorize">{outcome.kind === "onboarded" ? t("another") : t("tryAgain")}</Link>
    </Button>
  );
  const heading = {
    onboarded: { icon: <CheckCircle2 className="size-5 text-success" aria-hidden />, title: t("onboardedTitle") },
    // The push exchanged the code first: a success all the same when its tenant is there.
    alreadyExchanged:
      outcome.kind === "alreadyExchanged" && outcome.recent.length
        ? { icon: <CheckCircle2 className="size-5 text-success" aria-hidden />, title: t("onboardedTitle") }
        : { icon: <Info className="size-5 text-primary" aria-hidden />, title: t("alreadyTitle") },
    refused: { icon: <XCircle className="size-5 text-destructive" aria-hidden />, title: t("refusedTitle") },
    unknownAccount: { icon: <XCircle className="size-5 text-destructive" aria-hidden />, title: t("unknownAccountTitle") },
    missingCode: { icon: <XCircle className="size-5 text-destructive" aria-hidden />, title: t("missingCodeTitle") },
  }[outcome.kind];

  return (
    <Card className="max-w-2xl">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          {heading.icon}
          {heading.title}
        </CardTitle>
        {outcome.kind === "onboarded" ? <CardDescription>{t("onboardedDescription")}</CardDescription> : null}
        {outcome.kind === "alreadyExchanged" ? (
          <CardDescription>{t("alreadyDescription", { errcode: outcome.errcode, meaning: outcome.meaning })}</CardDescription>
        ) : null}
        {outcome.kind === "refused" ? (
          <CardDescription role="alert">
            {outcome.errcode === null ? t("unreachable", { reason: outcome.meaning }) : t("refused", { errcode: outcome.errcode, meaning: outcome.meaning })}
          </CardDescription>
        ) : null}
        {outcome.kind === "unknownAccount" ? <CardDescription role="alert">{t("unknownAccount")}</CardDescription> : null}
        {outcome.kind === "missingCode" ? <CardDescription role="alert">{t("missingCode")}</CardDescription> : null}
      </CardHeader>
      <CardContent className="grid gap-4">
        {outcome.kind === "onboarded" ? <TenantSummary tenant={outcome.tenant} /> : null}
        {outcome.kind === "alreadyExchanged" ? (
          outcome.recent.length ? (
            <>
              <p className="text-sm">{t("recent")}</p>
              {outcome.recent.map((tenant) => (
                <TenantSummary key={tenant.id} tenant={tenant} />
              ))}
            </>
          ) : (
            <p className="text-sm text-muted-foreground">{t("noneRecent")}</p>
          )
        ) : null}
        {again}
      </CardContent>
    </Card>
  );
}
