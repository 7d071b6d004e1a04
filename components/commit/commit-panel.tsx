"use client";

import { useCallback, useMemo, useState } from "react";
import dynamic from "next/dynamic";
import { useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input, Textarea } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { prepareExtJson } from "@/lib/ext-json/prepare";
import { variablesOf, type TenantFacts } from "@/lib/ext-json/render";
import { useAction } from "@/lib/hooks/use-action";
import { commitAction } from "@/app/(console)/tenants/[tenantId]/code/actions";
import { CommitPreview } from "./preview";
import { PresetsBar } from "./presets-bar";
import { TemplatePicker } from "./template-picker";
import type { LastCommit, PresetOption, TemplateOption } from "./types";
import { uploadKey } from "./upload-status";
import type { Platform } from "@/lib/vocab";

// CodeMirror is the heaviest thing in the console (~150 KiB gzipped with its JSON language and lint): its own chunk,
// fetched only when the operator opens the code editor, so the Code tab itself stays within the page budget.
const ExtJsonEditor = dynamic(() => import("./ext-json-editor"), { ssr: false, loading: () => <EditorLoading /> });

function EditorLoading() {
  const t = useTranslations("commit");
  return (
    <div className="grid gap-1" role="status">
      <Skeleton className="h-[22rem] w-full" />
      <span className="sr-only">{t("editorLoading")}</span>
    </div>
  );
}

const DEFAULT_EXT_JSON = '{\n  "extAppid": "{{appid}}",\n  "ext": {\n    "name": "{{nickname}}"\n  }\n}\n';
// Baidu merges an ext_json with the template only when it says so (extEnable, required).
const DEFAULT_BAIDU_EXT_JSON = '{\n  "extEnable": true,\n  "extAppid": "{{appid}}",\n  "ext": {\n    "name": "{{nickname}}"\n  }\n}\n';

/** Commit: a template, its version and description, and this tenant's ext_json, checked as it is typed. */
export function CommitPanel({
  tenantId,
  canOperate,
  facts,
  templates,
  presets,
  last,
  platform = "wechat",
  waitsForUpload = false,
}: {
  /** Whose ext_json rules apply (lib/ext-json: WeChat's, or a Baidu smart program's keys). */
  platform?: Platform;
  /** The platform takes an upload in after answering (Baidu): the upload status card is asked again after a commit. */
  waitsForUpload?: boolean;
  tenantId: string;
  canOperate: boolean;
  facts: TenantFacts;
  templates: TemplateOption[];
  presets: PresetOption[];
  last: LastCommit | null;
}) {
  const t = useTranslations("commit");
  const format = useFormatter();
  const queryClient = useQueryClient();
  const { run, pending, fieldErrors } = useAction({ settle: waitsForUpload ? () => queryClient.invalidateQueries({ queryKey: uploadKey(tenantId) }) : undefined });
  const [templateId, setTemplateId] = useState<number | null>(last?.templateId ?? templates[0]?.id ?? null);
  const [userVersion, setUserVersion] = useState("");
  const [userDesc, setUserDesc] = useState("");
  const [text, setText] = useState(platform === "baidu" ? DEFAULT_BAIDU_EXT_JSON : DEFAULT_EXT_JSON);
  const [editorOpen, setEditorOpen] = useState(false);

  const template = templates.find((tpl) => tpl.id === templateId) ?? null;
  const variables = useMemo(() => variablesOf(facts), [facts]);
  const variableNames = useMemo(() => Object.keys(variables), [variables]);
  const prepareText = useCallback(
    (source: string) => {
      const result = prepareExtJson(source, variables, { platform, kind: template?.kind, templatePages: template?.pages ?? null });
      return { result, issues: result.issues.map((issue) => ({ ...issue, message: t(`check.${issue.key}` as never, issue.values as never) })) };
    },
    [variables, template, t, platform],
  );
  const check = useCallback((source: string) => prepareText(source).issues, [prepareText]);
  const { result: prepared, issues } = useMemo(() => prepareText(text), [prepareText, text]);

  const submit = () => {
    if (templateId === null) return;
    run(() => commitAction({ tenantId, templateId, userVersion, userDesc, extJson: text }), { success: (d) => t("committed", d) });
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("description")}</CardDescription>
        <p className="text-xs text-muted-foreground">
          {last ? t("lastCommit", { userVersion: last.userVersion, at: format.dateTime(new Date(last.at), { dateStyle: "medium", timeStyle: "short" }) }) : t("noCommit")}
        </p>
      </CardHeader>
      <CardContent className="grid gap-5">
        <TemplatePicker templates={templates} value={templateId} onChange={setTemplateId} errors={fieldErrors?.templateId} />
        <div className="grid gap-4 sm:grid-cols-2">
          <FormField id="commit-user-version" label={t("userVersion")} errors={fieldErrors?.userVersion} hint={t("userVersionHint", { version: template?.userVersion || "—" })}>
            {(props) => <Input {...props} value={userVersion} onChange={(e) => setUserVersion(e.target.value)} maxLength={64} placeholder={template?.userVersion} disabled={!canOperate} />}
          </FormField>
          <FormField id="commit-user-desc" label={t("userDesc")} errors={fieldErrors?.userDesc}>
            {(props) => <Input {...props} value={userDesc} onChange={(e) => setUserDesc(e.target.value)} maxLength={500} disabled={!canOperate} />}
          </FormField>
        </div>
        <FormField
          id="commit-ext-json"
          label={t("extJson")}
          errors={fieldErrors?.extJson}
          hint={t("extJsonHint", { variables: variableNames.map((name) => `{{${name}}}`).join(" ") })}
        >
          {(props) =>
            editorOpen ? (
              <ExtJsonEditor
                id={props.id}
                describedBy={[props["aria-describedby"], "commit-issues"].filter(Boolean).join(" ")}
                value={text}
                onChange={setText}
                label={t("extJson")}
                check={check}
                variables={variableNames}
                platform={platform}
                readOnly={!canOperate}
              />
            ) : (
              <Textarea
                {...props}
                aria-describedby={[props["aria-describedby"], "commit-issues"].filter(Boolean).join(" ")}
                aria-invalid={issues.length > 0 ? true : undefined}
                value={text}
                onChange={(e) => setText(e.target.value)}
                readOnly={!canOperate}
                spellCheck={false}
                rows={14}
                className="font-mono text-xs leading-5"
              />
            )
          }
        </FormField>
        {!editorOpen ? (
          <div>
            <Button type="button" variant="outline" size="sm" onClick={() => setEditorOpen(true)}>
              {t("openEditor")}
            </Button>
            <p className="mt-1 text-xs text-muted-foreground">{t("openEditorHint")}</p>
          </div>
        ) : null}
        <div id="commit-issues" aria-live="polite" className="grid gap-1 text-sm">
          {issues.length === 0 ? (
            <p className="text-muted-foreground">{t("noIssues")}</p>
          ) : (
            <>
              <p className="font-medium text-destructive">{t("issues", { count: issues.length })}</p>
              <ul className="grid gap-0.5 text-destructive" data-testid="ext-json-issues">
                {issues.map((issue, i) => (
                  <li key={i}>
                    {t("issueAt", { line: issue.line, column: issue.column, problem: issue.message })}
                    {issue.code ? <span className="text-muted-foreground"> {t("issueCode", { code: issue.code })}</span> : null}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
        <PresetsBar presets={presets} text={text} onLoad={setText} canOperate={canOperate} />
        <div className="flex flex-wrap items-center gap-3">
          <Button type="button" onClick={submit} disabled={!canOperate || pending || templateId === null || !prepared.ok}>
            {pending ? t("committing") : t("submit")}
          </Button>
          {template?.kind === "standard" ? <Badge variant="secondary">{t("standard")}</Badge> : null}
          {!canOperate ? <p className="text-sm text-muted-foreground">{t("viewerReason")}</p> : null}
        </div>
        <section className="grid gap-2 border-t border-border pt-4" aria-labelledby="commit-preview-title">
          <h2 id="commit-preview-title" className="text-base font-semibold">
            {t("preview.title")}
          </h2>
          <CommitPreview value={prepared.ok ? prepared.value : null} templatePages={template?.pages ?? null} last={last} />
        </section>
      </CardContent>
    </Card>
  );
}
