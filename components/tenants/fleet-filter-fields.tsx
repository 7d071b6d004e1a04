"use client";

import { useTranslations } from "next-intl";
import { Select } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { AUDIT_STATES } from "@/lib/vocab";

export type FleetFilterValues = { auditState: string; trialTemplateId: string; liveTemplateId: string; driftFrom: string; gray: boolean };
export type TemplateChoice = { id: number; userVersion: string };

/**
 * The filters the fleet snapshots allow, under a disclosure of the tenant list's search form (open when one is set):
 * audit state, trial / live template, drift from a template, gray only. A change submits the form like the others.
 */
export function FleetFilterFields({ values, templates, onChange }: { values: FleetFilterValues; templates: TemplateChoice[]; onChange: (form: HTMLFormElement) => void }) {
  const t = useTranslations("jobs.fleetFilters");
  const active = Boolean(values.auditState || values.trialTemplateId || values.liveTemplateId || values.driftFrom || values.gray);
  const templateSelect = (name: keyof FleetFilterValues, label: string) => (
    <div className="grid w-44 gap-1.5">
      <Label htmlFor={`tenant-${name}`}>{label}</Label>
      <Select id={`tenant-${name}`} name={name} defaultValue={String(values[name] || "")} onChange={(e) => onChange(e.currentTarget.form!)}>
        <option value="">{t("anyTemplate")}</option>
        {templates.map((tpl) => (
          <option key={tpl.id} value={tpl.id}>
            {t("templateOption", { id: tpl.id, userVersion: tpl.userVersion })}
          </option>
        ))}
      </Select>
    </div>
  );
  return (
    <details className="w-full" open={active}>
      <summary className="cursor-pointer text-sm text-muted-foreground">{t("more")}</summary>
      <div className="mt-3 flex flex-wrap items-end gap-3">
        <div className="grid w-40 gap-1.5">
          <Label htmlFor="tenant-auditState">{t("auditState")}</Label>
          <Select id="tenant-auditState" name="auditState" defaultValue={values.auditState} onChange={(e) => onChange(e.currentTarget.form!)}>
            <option value="">{t("anyAudit")}</option>
            {AUDIT_STATES.map((state) => (
              <option key={state} value={state}>
                {t(`auditStates.${state}`)}
              </option>
            ))}
          </Select>
        </div>
        {templateSelect("trialTemplateId", t("trialTemplate"))}
        {templateSelect("liveTemplateId", t("liveTemplate"))}
        {templateSelect("driftFrom", t("driftFrom"))}
        <label className="flex h-9 items-center gap-2 text-sm">
          <input type="checkbox" name="gray" value="1" defaultChecked={values.gray} className="size-4 accent-primary" onChange={(e) => onChange(e.currentTarget.form!)} />
          {t("gray")}
        </label>
      </div>
    </details>
  );
}
