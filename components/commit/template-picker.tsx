"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { FormField } from "@/components/ui/form-field";
import { Input, Select } from "@/components/ui/input";
import type { TemplateOption } from "./types";

/**
 * The account's templates (at most 200 on the platform, newest first as the page reads them), filtered as you type by
 * id, version, description or source mini-program.
 */
export function TemplatePicker({ templates, value, onChange, errors }: { templates: TemplateOption[]; value: number | null; onChange: (id: number) => void; errors?: string[] }) {
  const t = useTranslations("commit");
  const [q, setQ] = useState("");
  const needle = q.trim().toLowerCase();
  const shown = needle
    ? templates.filter((tpl) => [String(tpl.id), tpl.userVersion, tpl.userDesc, tpl.source ?? ""].some((field) => field.toLowerCase().includes(needle)))
    : templates;
  // The chosen template stays selectable even when the search hides it.
  const chosen = templates.find((tpl) => tpl.id === value);
  const options = chosen && !shown.includes(chosen) ? [chosen, ...shown] : shown;
  const selected = templates.find((tpl) => tpl.id === value);

  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <FormField id="commit-template-search" label={t("templateSearch")} hint={t("templateSearchHint")}>
        {(props) => <Input {...props} type="search" value={q} onChange={(e) => setQ(e.target.value)} />}
      </FormField>
      <FormField
        id="commit-template"
        label={t("template")}
        errors={errors}
        hint={options.length === 0 ? t("noTemplates") : selected ? (selected.pages ? t("pagesKnown", { count: selected.pages.length }) : t("pagesUnknown")) : undefined}
      >
        {(props) => (
          <Select {...props} value={value ?? ""} onChange={(e) => onChange(Number(e.target.value))} disabled={options.length === 0}>
            {options.map((tpl) => (
              <option key={tpl.id} value={tpl.id}>
                {t("templateOption", { id: tpl.id, userVersion: tpl.userVersion, userDesc: tpl.userDesc })}
                {tpl.kind === "standard" ? ` (${t("standard")})` : ""}
              </option>
            ))}
          </Select>
        )}
      </FormField>
    </div>
  );
}
