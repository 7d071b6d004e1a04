"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { Plus, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { Input } from "@/components/ui/input";
import { useAction } from "@/lib/hooks/use-action";
import { checkVariables, MAX_VARIABLES, type VariableRow } from "@/lib/validation/tenant-variables";
import { saveVariablesAction } from "@/app/(console)/tenants/[tenantId]/actions";

/** The tenant's custom variables, edited as a list and saved whole; the rules are checked as the operator types. */
export function VariablesEditor({ tenantId, initial, canEdit, readOnlyReason }: { tenantId: string; initial: VariableRow[]; canEdit: boolean; readOnlyReason: string }) {
  const t = useTranslations("tenant.variables");
  const [rows, setRows] = useState<VariableRow[]>(initial);
  const { run, pending, formError } = useAction();
  const problems = checkVariables(rows);
  const problemText = (p: (typeof problems)[number]) =>
    p.problem === "tooMany" ? t("errors.tooMany", { max: p.max }) : p.problem === "valueTooLong" ? t("errors.valueTooLong", { key: p.key, max: p.max }) : t(`errors.${p.problem}`, { key: p.key });
  const rowProblems = (index: number, field: "key" | "value") =>
    problems.filter((p) => p.index === index && (field === "value" ? p.problem === "valueTooLong" : p.problem !== "valueTooLong"));
  const update = (index: number, patch: Partial<VariableRow>) => setRows((all) => all.map((r, i) => (i === index ? { ...r, ...patch } : r)));

  return (
    <form
      className="grid gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        run(() => saveVariablesAction({ tenantId, variables: rows }), { success: (d) => t("saved", d) });
      }}
    >
      {!canEdit ? <p className="text-sm text-muted-foreground">{readOnlyReason}</p> : null}
      {rows.length === 0 ? <p className="text-sm text-muted-foreground">{t("empty")}</p> : null}
      {rows.length > 0 ? (
        <div className="grid gap-2">
          <div className="grid grid-cols-[minmax(8rem,1fr)_2fr_auto] gap-2 text-xs font-medium text-muted-foreground" aria-hidden>
            <span>{t("key")}</span>
            <span>{t("value")}</span>
            <span className="w-9" />
          </div>
          {rows.map((row, index) => {
            const keyErrors = rowProblems(index, "key");
            const valueErrors = rowProblems(index, "value");
            const errorId = `variable-${index}-error`;
            return (
              <div key={index} className="grid gap-1">
                <div className="grid grid-cols-[minmax(8rem,1fr)_2fr_auto] items-start gap-2">
                  <Input
                    aria-label={t("keyOf", { n: index + 1 })}
                    value={row.key}
                    onChange={(e) => update(index, { key: e.target.value })}
                    className="font-mono"
                    disabled={!canEdit}
                    aria-invalid={keyErrors.length ? true : undefined}
                    aria-describedby={keyErrors.length + valueErrors.length ? errorId : undefined}
                  />
                  <Input
                    aria-label={t("valueOf", { n: index + 1 })}
                    value={row.value}
                    onChange={(e) => update(index, { value: e.target.value })}
                    disabled={!canEdit}
                    aria-invalid={valueErrors.length ? true : undefined}
                    aria-describedby={keyErrors.length + valueErrors.length ? errorId : undefined}
                  />
                  <Button type="button" variant="ghost" size="icon" aria-label={t("remove", { n: index + 1 })} disabled={!canEdit} onClick={() => setRows((all) => all.filter((_, i) => i !== index))}>
                    <Trash2 aria-hidden />
                  </Button>
                </div>
                {keyErrors.length + valueErrors.length ? (
                  <p id={errorId} className="text-xs text-destructive">
                    {[...keyErrors, ...valueErrors].map(problemText).join(" ")}
                  </p>
                ) : null}
              </div>
            );
          })}
        </div>
      ) : null}
      {problems.some((p) => p.problem === "tooMany") ? <FormAlert>{t("errors.tooMany", { max: MAX_VARIABLES })}</FormAlert> : null}
      {formError ? <FormAlert>{formError}</FormAlert> : null}
      <div className="flex flex-wrap items-center gap-2">
        <Button type="button" variant="outline" disabled={!canEdit || rows.length >= MAX_VARIABLES} onClick={() => setRows((all) => [...all, { key: "", value: "" }])}>
          <Plus aria-hidden />
          {t("add")}
        </Button>
        <Button type="submit" disabled={!canEdit || pending || problems.length > 0}>
          {t("save")}
        </Button>
        <span className="text-xs text-muted-foreground">{t("count", { count: rows.length, max: MAX_VARIABLES })}</span>
      </div>
    </form>
  );
}
