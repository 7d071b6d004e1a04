"use client";

import { useTranslations } from "next-intl";
import { FormField } from "@/components/ui/form-field";
import { Input, Select, Textarea } from "@/components/ui/input";
import { defaultExtJson, errorKey, templateChoice, type FormProps, type TemplateGroup, type WizardAccount } from "./model";
import { extJsonIssues } from "./ext-check";

type Template = TemplateGroup["templates"][number];
const option = (tpl: Template) => (
  <option key={tpl.id} value={tpl.id}>
    {`${tpl.id} · ${tpl.userVersion}${tpl.userDesc ? ` · ${tpl.userDesc}` : ""}`}
  </option>
);

/** Commit: the template (one per platform account the selection covers), version, description, ext_json or a preset. */
export function CommitFields(props: FormProps) {
  const { kind, draft, onDraft, errors, presets, accounts } = props;
  const t = useTranslations("jobs.wizard");
  const key = (field: string) => errors?.[errorKey(kind, "commit", field)];
  const extJson = draft.extJson ?? defaultExtJson(accounts);
  return (
    <fieldset className="grid gap-4">
      {accounts && accounts.length > 0 ? <AccountTemplates {...props} /> : <AnyTemplate {...props} />}
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id="job-user-version" label={t("userVersion")} hint={t("userVersionHint")} errors={key("userVersion")}>
          {(f) => <Input {...f} value={draft.userVersion} maxLength={64} onChange={(e) => onDraft({ userVersion: e.target.value })} />}
        </FormField>
        <FormField id="job-user-desc" label={t("userDesc")} errors={key("userDesc")}>
          {(f) => <Input {...f} value={draft.userDesc} maxLength={200} onChange={(e) => onDraft({ userDesc: e.target.value })} />}
        </FormField>
      </div>
      {presets.length ? (
        <FormField id="job-preset" label={t("preset")}>
          {(f) => (
            <Select
              {...f}
              value=""
              onChange={(e) => {
                const preset = presets.find((p) => p.id === e.target.value);
                if (preset) onDraft({ extJson: preset.extJson });
              }}
            >
              <option value="">{t("presetNone")}</option>
              {presets.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </Select>
          )}
        </FormField>
      ) : null}
      <FormField id="job-ext-json" label={t("extJson")} hint={t("extJsonHint", { example: "{{appid}}" })} errors={key("extJson")}>
        {(f) => <Textarea {...f} rows={8} spellCheck={false} className="font-mono text-xs" value={extJson} onChange={(e) => onDraft({ extJson: e.target.value })} />}
      </FormField>
      <ExtJsonChecks text={extJson} accounts={accounts} />
    </fieldset>
  );
}

/** The selection's accounts are not known (yet): one select over every account's templates, grouped by account. */
function AnyTemplate({ kind, draft, onDraft, errors, templates }: FormProps) {
  const t = useTranslations("jobs.wizard");
  const empty = templates.every((g) => g.templates.length === 0);
  return (
    <FormField id="job-template" label={t("template")} hint={empty ? t("noTemplates") : t("templateHint")} errors={errors?.[errorKey(kind, "commit", "templateId")]}>
      {(f) => (
        <Select {...f} value={draft.templateId} onChange={(e) => onDraft({ templateId: e.target.value })} disabled={empty}>
          <option value="">—</option>
          {templates.length > 1
            ? templates.map((g) => (
                <optgroup key={g.accountId} label={g.accountName}>
                  {g.templates.map(option)}
                </optgroup>
              ))
            : templates[0]?.templates.map(option)}
        </Select>
      )}
    </FormField>
  );
}

/** A template select per platform account the selection covers, each listing that account's own templates. */
function AccountTemplates({ kind, draft, onDraft, errors, templates, accounts, initialTemplateId }: FormProps) {
  const t = useTranslations("jobs.wizard");
  const tw = useTranslations("jobsWizard");
  const list = accounts ?? [];
  const several = list.length > 1;
  const ctx = { accounts: list, templates, initialTemplateId };
  const accountErrors = (a: WizardAccount) => errors?.[errorKey(kind, "commit", several ? `templates.${a.accountId}` : "templateId")];
  // With several accounts, `templateId` is only at fault when no account has a template chosen: shown on the first.
  const anyAccountError = several && list.some((a) => accountErrors(a)?.length);
  const shared = several && !anyAccountError ? errors?.[errorKey(kind, "commit", "templateId")] : undefined;
  return (
    <div className="grid gap-3" data-testid="job-templates">
      {several ? <p className="text-sm text-muted-foreground">{tw("templatesHint", { count: list.length })}</p> : null}
      {list.map((a, i) => {
        const own = templates.find((g) => g.accountId === a.accountId)?.templates ?? [];
        const about = tw("accountTenants", { platform: tw(`platformShort.${a.platform}`), count: a.tenants });
        return (
          <FormField
            key={a.accountId}
            id={`job-template-${a.accountId}`}
            label={several ? tw("templateFor", { account: a.name }) : t("template")}
            hint={own.length === 0 ? tw("noAccountTemplates") : about}
            errors={[...(accountErrors(a) ?? []), ...(i === 0 ? (shared ?? []) : [])]}
          >
            {(f) => (
              <Select
                {...f}
                data-account={a.accountId}
                value={templateChoice(draft, a.accountId, ctx)}
                onChange={(e) => onDraft({ templates: { ...draft.templates, [a.accountId]: e.target.value } })}
                disabled={own.length === 0}
              >
                <option value="">—</option>
                {own.map(option)}
              </Select>
            )}
          </FormField>
        );
      })}
    </div>
  );
}

/** The ext_json against each selected platform's rules, as typed (the preflight renders it per tenant). */
function ExtJsonChecks({ text, accounts }: { text: string; accounts: readonly WizardAccount[] | null }) {
  const tw = useTranslations("jobsWizard");
  const tc = useTranslations("commit");
  const platforms = (accounts ?? []).map((a) => a.platform);
  const failing = extJsonIssues(text, platforms);
  const baidu = platforms.includes("baidu");
  if (!baidu && failing.length === 0) return null;
  return (
    <div className="grid gap-1 text-sm" aria-live="polite" data-testid="wizard-ext-json-checks">
      {baidu ? <p className="text-xs text-muted-foreground">{tw("extJsonBaidu")}</p> : null}
      {failing.map(({ platform, issues }) => (
        <div key={platform} className="grid gap-0.5 text-destructive">
          <p className="font-medium">{tw("extJsonIssues", { platform: tw(`platforms.${platform}`) })}</p>
          <ul className="grid gap-0.5" data-testid={`ext-json-issues-${platform}`}>
            {issues.map((issue, i) => (
              <li key={i}>{tw("extJsonIssue", { line: issue.line, column: issue.column, message: tc(`check.${issue.key}` as never, issue.values as never) })}</li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
