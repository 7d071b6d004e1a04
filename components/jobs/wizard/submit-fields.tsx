"use client";

import { useTranslations } from "next-intl";
import { FormField } from "@/components/ui/form-field";
import { Select, Textarea } from "@/components/ui/input";
import { CHECKBOX, errorKey, type FormProps } from "./model";

/**
 * Submit: the audit profile and the privacy confirmation; where the selection holds platforms whose submission is a
 * text (Baidu), its audit description (`content`) and note (`remark`), optional (empty: the profile's own).
 */
export function SubmitFields({ kind, draft, onDraft, errors, profiles, accounts }: FormProps) {
  const t = useTranslations("jobs.wizard");
  const tw = useTranslations("jobsWizard");
  const texts = (accounts ?? []).filter((a) => a.textSubmission);
  const textTenants = texts.reduce((sum, a) => sum + a.tenants, 0);
  const key = (field: string) => errors?.[errorKey(kind, "submit", field)];
  return (
    <fieldset className="grid gap-3">
      <FormField id="job-profile" label={t("profile")} hint={profiles.length ? undefined : t("noProfiles")} errors={key("profileId")}>
        {(f) => (
          <Select {...f} value={draft.profileId} onChange={(e) => onDraft({ profileId: e.target.value })} disabled={profiles.length === 0}>
            <option value="">{t("profileNone")}</option>
            {profiles.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </Select>
        )}
      </FormField>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" className={CHECKBOX} checked={draft.privacyApiNotUse} onChange={(e) => onDraft({ privacyApiNotUse: e.currentTarget.checked })} />
        {t("privacyApiNotUse")}
      </label>
      {texts.length ? (
        <fieldset className="grid gap-3 rounded-md border border-border p-3" data-testid="job-text-submission">
          <legend className="px-1 text-sm font-medium">{tw("textSubmissionTitle")}</legend>
          <p className="text-xs text-muted-foreground">{tw("textSubmissionHint", { count: textTenants })}</p>
          <FormField id="job-content" label={tw("content")} hint={tw("contentHint")} errors={key("content")}>
            {(f) => <Textarea {...f} rows={3} maxLength={500} value={draft.content} onChange={(e) => onDraft({ content: e.target.value })} />}
          </FormField>
          <FormField id="job-remark" label={tw("remark")} hint={tw("remarkHint")} errors={key("remark")}>
            {(f) => <Textarea {...f} rows={2} maxLength={500} value={draft.remark} onChange={(e) => onDraft({ remark: e.target.value })} />}
          </FormField>
        </fieldset>
      ) : null}
    </fieldset>
  );
}
