"use client";

import { useTransition, type FormEvent, type ReactNode } from "react";
import { usePathname, useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Search, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { TENANT_STATUSES, type TenantStatus } from "@/lib/vocab";
import { FleetFilterFields, type FleetFilterValues, type TemplateChoice } from "./fleet-filter-fields";

export type TenantFilterValues = { q: string; status: TenantStatus | ""; tag: string; account: string } & FleetFilterValues;

/**
 * Search and filters as URL parameters (shareable, back-button friendly). A change starts from the first page; the
 * list below dims while the next one loads. Works as a plain GET form without JavaScript too.
 */
export function TenantFilters({
  values,
  tags,
  accounts,
  templates,
  children,
}: {
  values: TenantFilterValues;
  tags: { tag: string; n: number }[];
  accounts: { id: string; name: string; sandbox: boolean }[];
  templates: TemplateChoice[];
  children: ReactNode;
}) {
  const t = useTranslations("tenants.filters");
  const ts = useTranslations("tenants.status");
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();

  const go = (form: HTMLFormElement) => {
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(form)) if (typeof value === "string" && value.trim()) params.set(key, value.trim());
    startTransition(() => router.push(params.size ? `${pathname}?${params}` : pathname));
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    go(event.currentTarget);
  };
  const active = Boolean(
    values.q || values.status || values.tag || values.account || values.auditState || values.trialTemplateId || values.liveTemplateId || values.driftFrom || values.gray,
  );

  return (
    <>
      <form role="search" aria-label={t("label")} onSubmit={onSubmit} className="mb-4 flex flex-wrap items-end gap-3" key={JSON.stringify(values)}>
        <div className="grid min-w-56 flex-1 gap-1.5">
          <Label htmlFor="tenant-q">{t("search")}</Label>
          <Input id="tenant-q" name="q" type="search" defaultValue={values.q} placeholder={t("searchPlaceholder")} maxLength={100} autoComplete="off" />
        </div>
        <div className="grid w-48 gap-1.5">
          <Label htmlFor="tenant-status">{t("status")}</Label>
          <Select id="tenant-status" name="status" defaultValue={values.status} onChange={(e) => go(e.currentTarget.form!)}>
            <option value="">{t("allStatuses")}</option>
            {TENANT_STATUSES.map((status) => (
              <option key={status} value={status}>
                {ts(status)}
              </option>
            ))}
          </Select>
        </div>
        <div className="grid w-40 gap-1.5">
          <Label htmlFor="tenant-tag">{t("tag")}</Label>
          <Select id="tenant-tag" name="tag" defaultValue={values.tag} onChange={(e) => go(e.currentTarget.form!)}>
            <option value="">{t("allTags")}</option>
            {tags.map(({ tag, n }) => (
              <option key={tag} value={tag}>
                {t("tagOption", { tag, count: n })}
              </option>
            ))}
          </Select>
        </div>
        {accounts.length > 1 ? (
          <div className="grid w-48 gap-1.5">
            <Label htmlFor="tenant-account">{t("account")}</Label>
            <Select id="tenant-account" name="account" defaultValue={values.account} onChange={(e) => go(e.currentTarget.form!)}>
              <option value="">{t("allAccounts")}</option>
              {accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.sandbox ? t("sandboxAccount", { name: a.name }) : a.name}
                </option>
              ))}
            </Select>
          </div>
        ) : null}
        <Button type="submit" disabled={pending}>
          <Search aria-hidden />
          {pending ? t("searching") : t("submit")}
        </Button>
        {active ? (
          <Button type="button" variant="ghost" disabled={pending} onClick={() => startTransition(() => router.push(pathname))}>
            <X aria-hidden />
            {t("clear")}
          </Button>
        ) : null}
        <FleetFilterFields values={values} templates={templates} onChange={go} />
      </form>
      <div aria-busy={pending} className={pending ? "pointer-events-none opacity-60 transition-opacity" : undefined}>
        {children}
      </div>
    </>
  );
}
