"use client";

import { useTranslations } from "next-intl";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { CommitFields } from "./commit-fields";
import { CHECKBOX, errorKey, type After, type FormProps } from "./model";
import { SubmitFields } from "./submit-fields";

type Props = FormProps;
const check = CHECKBOX;

/** The kind's parameters: commit (a template per account, version, ext_json or a preset), submit (audit profile, a text submission's content and remark), both for a pipeline with its wait and after-approval step, gray (percentage), visit status, base library. */
export function ParamsForm(props: Props) {
  const t = useTranslations("jobs.wizard");
  const { kind } = props;
  const commit = kind === "commit" || kind === "pipeline";
  const submit = kind === "submit" || kind === "pipeline";
  const none = !commit && !submit && !["gray", "visit_status", "base_library"].includes(kind);
  return (
    <div className="grid gap-5" data-testid="job-params">
      {none ? <p className="text-sm text-muted-foreground">{t("noParams")}</p> : null}
      {commit ? <CommitFields {...props} /> : null}
      {submit ? <SubmitFields {...props} /> : null}
      {kind === "pipeline" ? <AfterFields {...props} /> : null}
      {kind === "gray" ? <GrayFields {...props} /> : null}
      {kind === "visit_status" ? <VisitFields {...props} /> : null}
      {kind === "base_library" ? (
        <FormField id="job-version" label={t("baseVersion")} hint={t("baseVersionHint")} errors={props.errors?.version}>
          {(f) => <Input {...f} className="w-40" value={props.draft.version} onChange={(e) => props.onDraft({ version: e.target.value })} placeholder="2.21.0" inputMode="decimal" />}
        </FormField>
      ) : null}
    </div>
  );
}

function AfterFields({ kind, draft, onDraft, errors, ...rest }: Props) {
  const t = useTranslations("jobs.wizard");
  const afters: [After, string][] = [
    ["none", t("afterNone")],
    ["release", t("afterRelease")],
    ["gray", t("afterGray")],
  ];
  const waitErrors = errors?.waitAudit;
  return (
    <fieldset className="grid gap-3">
      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          className={`${check} mt-0.5`}
          checked={draft.waitAudit}
          aria-invalid={waitErrors?.length ? true : undefined}
          aria-describedby="job-wait-hint"
          onChange={(e) => onDraft({ waitAudit: e.currentTarget.checked, ...(e.currentTarget.checked ? {} : { after: "none" }) })}
        />
        <span>
          {t("waitAudit")}
          <span id="job-wait-hint" className="block text-xs text-muted-foreground">
            {t("waitAuditHint")}
          </span>
          {waitErrors?.length ? <span className="block text-xs text-destructive">{waitErrors.join(" ")}</span> : null}
        </span>
      </label>
      <div role="radiogroup" aria-label={t("after")} className="grid gap-1.5">
        <span className="text-sm font-medium">{t("after")}</span>
        <div className="flex flex-wrap gap-4">
          {afters.map(([value, label]) => (
            <label key={value} className="flex items-center gap-2 text-sm">
              <input type="radio" name="job-after" className={check} value={value} checked={draft.after === value} disabled={value !== "none" && !draft.waitAudit} onChange={() => onDraft({ after: value })} />
              {label}
            </label>
          ))}
        </div>
      </div>
      {draft.after === "gray" ? <GrayFields kind={kind} draft={draft} onDraft={onDraft} errors={errors} {...rest} /> : null}
    </fieldset>
  );
}

function GrayFields({ kind, draft, onDraft, errors }: Props) {
  const t = useTranslations("jobs.wizard");
  return (
    <fieldset className="grid gap-3">
      <FormField id="job-percentage" label={t("percentage")} errors={errors?.[errorKey(kind, "gray", "percentage")]}>
        {(f) => (
          <div className="flex items-center gap-3">
            <input
              {...f}
              type="range"
              min={1}
              max={100}
              step={1}
              value={draft.percentage}
              aria-valuetext={t("percentageValue", { percent: draft.percentage })}
              className="w-64 accent-primary"
              onChange={(e) => onDraft({ percentage: Number(e.target.value) })}
            />
            <Input
              type="number"
              min={1}
              max={100}
              aria-label={t("percentage")}
              className="w-20"
              value={draft.percentage}
              onChange={(e) => onDraft({ percentage: Math.max(1, Math.min(100, Number(e.target.value) || 1)) })}
            />
            <span className="text-sm text-muted-foreground">%</span>
          </div>
        )}
      </FormField>
      <div className="flex flex-wrap gap-4 text-sm">
        <label className="flex items-center gap-2">
          <input type="checkbox" className={check} checked={draft.membersFirst} onChange={(e) => onDraft({ membersFirst: e.currentTarget.checked })} />
          {t("membersFirst")}
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" className={check} checked={draft.testersFirst} onChange={(e) => onDraft({ testersFirst: e.currentTarget.checked })} />
          {t("testersFirst")}
        </label>
      </div>
    </fieldset>
  );
}

function VisitFields({ draft, onDraft }: Props) {
  const t = useTranslations("jobs.wizard");
  return (
    <div role="radiogroup" aria-label={t("visit")} className="flex flex-wrap gap-4 text-sm">
      {[true, false].map((open) => (
        <label key={String(open)} className="flex items-center gap-2">
          <input type="radio" name="job-visit" className={check} checked={draft.open === open} onChange={() => onDraft({ open })} />
          {open ? t("visitOpen") : t("visitClose")}
        </label>
      ))}
    </div>
  );
}
