"use client";

import { useTransition, type FormEvent, type ReactNode } from "react";
import { usePathname, useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Search, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { AUDIT_STATES, TENANT_STATUSES } from "@/lib/vocab";

/** The filter as the form shows it: every value a string ("" = not set), gray a flag. */
export type FleetFilterValues = {
  q: string;
  status: string;
  tag: string;
  accountId: string;
  auditState: string;
  liveTemplateId: string;
  gray: boolean;
  driftFrom: string;
};

export type TemplateOption = { templateId: number; userVersion: string | null };

/**
 * The fleet's filters as URL parameters (the FleetFilter's own names, lib/console/fleet-search.ts), so the address
 * can be shared and handed on to a job. A change starts from the first page; the board dims while the next one
 * loads. Works as a plain GET form without JavaScript too.
 */
export function FleetFilters({
  values,
  tags,
  accounts,
  templates,
  children,
}: {
  values: FleetFilterValues;
  tags: { tag: string; n: number }[];
  accounts: { id: string; name: string }[];
  templates: TemplateOption[];
  children: ReactNode;
}) {
  const t = useTranslations("fleet.filters");
  const ts = useTranslations("fleet.status");
  const ta = useTranslations("fleet.audit");
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
  const change = (event: { currentTarget: { form: HTMLFormElement | null } }) => go(event.currentTarget.form!);
  const active = Object.values(values).some(Boolean);
  const option = (tpl: TemplateOption) =>
    tpl.userVersion ? t("templateOption", { id: tpl.templateId, version: tpl.userVersion }) : t("templateOptionBare", { id: tpl.templateId });

  return (
    <>
      <form role="search" aria-label={t("label")} onSubmit={onSubmit} className="mb-4 grid gap-3" key={JSON.stringify(values)}>
        <div className="flex flex-wrap items-end gap-3">
          <div className="grid min-w-56 flex-1 gap-1.5">
            <Label htmlFor="fleet-q">{t("search")}</Label>
            <Input id="fleet-q" name="q" type="search" defaultValue={values.q} placeholder={t("searchPlaceholder")} maxLength={100} autoComplete="off" />
          </div>
          <div className="grid w-44 gap-1.5">
            <Label htmlFor="fleet-status">{t("status")}</Label>
            <Select id="fleet-status" name="status" defaultValue={values.status} onChange={change}>
              <option value="">{t("allStatuses")}</option>
              {TENANT_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {ts(status)}
                </option>
              ))}
            </Select>
          </div>
          <div className="grid w-40 gap-1.5">
            <Label htmlFor="fleet-tag">{t("tag")}</Label>
            <Select id="fleet-tag" name="tag" defaultValue={values.tag} onChange={change}>
              <option value="">{t("allTags")}</option>
              {tags.map(({ tag, n }) => (
                <option key={tag} value={tag}>
                  {t("tagOption", { tag, count: n })}
                </option>
              ))}
            </Select>
          </div>
          {accounts.length > 1 ? (
            <div className="grid w-44 gap-1.5">
              <Label htmlFor="fleet-account">{t("account")}</Label>
              <Select id="fleet-account" name="accountId" defaultValue={values.accountId} onChange={change}>
                <option value="">{t("allAccounts")}</option>
                {accounts.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </Select>
            </div>
          ) : null}
        </div>
        <div className="flex flex-wrap items-end gap-3">
          <div className="grid w-44 gap-1.5">
            <Label htmlFor="fleet-audit">{t("auditState")}</Label>
            <Select id="fleet-audit" name="auditState" defaultValue={values.auditState} onChange={change}>
              <option value="">{t("allAuditStates")}</option>
              {AUDIT_STATES.map((state) => (
                <option key={state} value={state}>
                  {ta(state)}
                </option>
              ))}
            </Select>
          </div>
          <div className="grid w-44 gap-1.5">
            <Label htmlFor="fleet-live">{t("liveTemplate")}</Label>
            <Select id="fleet-live" name="liveTemplateId" defaultValue={values.liveTemplateId} onChange={change}>
              <option value="">{t("anyTemplate")}</option>
              {templates.map((tpl) => (
                <option key={tpl.templateId} value={tpl.templateId}>
                  {option(tpl)}
                </option>
              ))}
            </Select>
          </div>
          <div className="grid w-52 gap-1.5">
            <Label htmlFor="fleet-drift">{t("driftFrom")}</Label>
            <Select id="fleet-drift" name="driftFrom" defaultValue={values.driftFrom} onChange={change} aria-describedby="fleet-drift-hint">
              <option value="">{t("noTarget")}</option>
              {templates.map((tpl) => (
                <option key={tpl.templateId} value={tpl.templateId}>
                  {option(tpl)}
                </option>
              ))}
            </Select>
            <span id="fleet-drift-hint" className="sr-only">
              {t("driftHint")}
            </span>
          </div>
          <label className="flex h-9 items-center gap-2 text-sm">
            <input type="checkbox" name="gray" value="true" defaultChecked={values.gray} onChange={change} className="size-4 accent-primary" />
            {t("gray")}
          </label>
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
        </div>
      </form>
      <div aria-busy={pending} className={pending ? "pointer-events-none opacity-60 transition-opacity" : undefined}>
        {children}
      </div>
    </>
  );
}
