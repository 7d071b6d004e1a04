"use client";

import { useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { apiQuotaAction, lookUpRidAction } from "@/app/(console)/quota/actions";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { Input, Select } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { ApiQuota } from "@/lib/platforms/port";
import { useAction } from "@/lib/hooks/use-action";

type Found = { invokedAt: string; costMs: number; url: string; body: string; answer: string; clientIp: string };
type TenantOption = { id: string; name: string };

/** Looks up a rid (as the account it was answered to) and an API's daily count; reading only, open to every role. */
export function LookupPanel({ accountId, tenants, rid, tenantId }: { accountId: string; tenants: TenantOption[]; rid?: string; tenantId?: string }) {
  const t = useTranslations("quota.lookup");
  const format = useFormatter();
  const lookup = useAction({ settle: false });
  const api = useAction({ settle: false });
  const [found, setFound] = useState<Found | null>(null);
  const [count, setCount] = useState<ApiQuota | null>(null);
  const target = (form: FormData) => ({ accountId, tenantId: String(form.get("tenantId") ?? "") || undefined });

  const tenantSelect = (id: string) => (
    <div className="grid gap-1.5">
      <Label htmlFor={id}>{t("tenant")}</Label>
      <Select id={id} name="tenantId" defaultValue={tenantId ?? ""}>
        <option value="">{t("platformAccount")}</option>
        {tenants.map((tenant) => (
          <option key={tenant.id} value={tenant.id}>
            {tenant.name}
          </option>
        ))}
      </Select>
    </div>
  );

  return (
    <div className="grid gap-6">
      <form
        className="grid gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          setFound(null);
          lookup.run(() => lookUpRidAction({ ...target(form), rid: String(form.get("rid") ?? "") }), { onSuccess: setFound });
        }}
      >
        <div className="flex flex-wrap items-end gap-2">
          <div className="grid gap-1.5">
            <Label htmlFor="lookup-rid">{t("rid")}</Label>
            <Input id="lookup-rid" name="rid" defaultValue={rid} required className="w-72 font-mono" />
          </div>
          {tenantSelect("lookup-tenant")}
          <Button type="submit" disabled={lookup.pending}>
            {t("submit")}
          </Button>
        </div>
        {lookup.formError ? <FormAlert>{lookup.formError}</FormAlert> : null}
        {found ? (
          <dl className="grid gap-2 text-sm sm:grid-cols-[10rem_1fr]" data-testid="rid-request">
            <dt className="text-muted-foreground">{t("invokedAt")}</dt>
            <dd>{format.dateTime(new Date(found.invokedAt), { dateStyle: "medium", timeStyle: "medium" })}</dd>
            <dt className="text-muted-foreground">{t("cost")}</dt>
            <dd>{t("costMs", { ms: found.costMs })}</dd>
            <dt className="text-muted-foreground">{t("url")}</dt>
            <dd className="break-all font-mono">{found.url}</dd>
            <dt className="text-muted-foreground">{t("body")}</dt>
            <dd className="break-all font-mono">{found.body}</dd>
            <dt className="text-muted-foreground">{t("answer")}</dt>
            <dd className="break-all font-mono">{found.answer}</dd>
            <dt className="text-muted-foreground">{t("clientIp")}</dt>
            <dd className="font-mono">{found.clientIp}</dd>
          </dl>
        ) : null}
      </form>
      <form
        className="grid gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          setCount(null);
          api.run(() => apiQuotaAction({ ...target(form), path: String(form.get("path") ?? "") }), { onSuccess: setCount });
        }}
      >
        <h3 className="text-sm font-semibold">{t("apiTitle")}</h3>
        <div className="flex flex-wrap items-end gap-2">
          <div className="grid gap-1.5">
            <Label htmlFor="api-path">{t("apiPath")}</Label>
            <Input id="api-path" name="path" defaultValue="/wxa/submit_audit" required className="w-72 font-mono" />
          </div>
          {tenantSelect("api-tenant")}
          <Button type="submit" variant="outline" disabled={api.pending}>
            {t("apiSubmit")}
          </Button>
        </div>
        {api.formError ? <FormAlert>{api.formError}</FormAlert> : null}
        {count ? <p className="text-sm">{t("apiResult", { used: count.used, limit: count.dailyLimit, remaining: count.remaining })}</p> : null}
      </form>
    </div>
  );
}
