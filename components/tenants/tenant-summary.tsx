"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { AlertTriangle } from "lucide-react";
import { Button } from "@/components/ui/button";
import type { CallbackTenant } from "@/lib/console/onboarding";
import { TenantStatusBadge } from "./tenant-badges";

/** A tenant just authorized, on the callback page: rendered by the server, or in the browser when a poll finds it. */
export function TenantSummary({ tenant }: { tenant: CallbackTenant }) {
  const t = useTranslations("tenants.callback");
  const ts = useTranslations("tenants.status");
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
      {tenant.codeManagement ? null : (
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
