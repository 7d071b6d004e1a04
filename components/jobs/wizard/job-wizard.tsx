"use client";

import Link from "next/link";
import { useMemo, useState, useSyncExternalStore, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Play, SearchCheck } from "lucide-react";
import { preflightJobAction, selectionAccountsAction, startJobAction } from "@/app/(console)/jobs/actions";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormAlert } from "@/components/ui/form-alert";
import { FormField } from "@/components/ui/form-field";
import { Select } from "@/components/ui/input";
import { useAction } from "@/lib/hooks/use-action";
import type { TenantSelection } from "@/lib/jobs/params";
import type { Preflight } from "@/lib/jobs/types";
import { JOB_KINDS, type JobKind } from "@/lib/vocab";
import { STASH_KEY } from "../fleet-query";
import { initialDraft, isDestructive, paramsFor, requestKey, type Draft, type JobRequest, type NamedOption, type PresetChoice, type TemplateGroup, type WizardAccount } from "./model";
import { ParamsForm } from "./params-form";
import { firstNOf, PreflightView, type QuotaChoice } from "./preflight-view";

const noSubscribe = () => () => undefined;
const readStash = () => window.sessionStorage.getItem(STASH_KEY);

/**
 * The stash's shape, checked without a schema library in the browser (zod would add 30 KiB to this page): the
 * server's actions validate the selection fully (lib/jobs/params.ts selectionSchema) before using it.
 */
function selectionShape(value: unknown): TenantSelection | null {
  if (!value || typeof value !== "object") return null;
  const v = value as Record<string, unknown>;
  const strings = (list: unknown) => Array.isArray(list) && list.every((x) => typeof x === "string");
  if (strings(v.tenantIds) && (v.tenantIds as string[]).length > 0) return { tenantIds: v.tenantIds as string[] };
  if (v.filter && typeof v.filter === "object" && (v.except === undefined || strings(v.except))) {
    return { filter: v.filter as Extract<TenantSelection, { filter: unknown }>["filter"], except: (v.except as string[] | undefined) ?? [] };
  }
  return null;
}

/** A selection too long for the address, left in session storage by the tenant list. */
function useStashedSelection(wanted: boolean): TenantSelection | null {
  const raw = useSyncExternalStore(noSubscribe, () => (wanted ? readStash() : null), () => null);
  return useMemo(() => {
    if (!raw) return null;
    try {
      return selectionShape(JSON.parse(raw));
    } catch {
      return null;
    }
  }, [raw]);
}

/**
 * The platform accounts the selection covers (a template per account, the text submission's fields): given by the
 * page for a selection in the address, asked of the server for one left in session storage.
 */
function useSelectionAccounts(selection: TenantSelection | null, initial: WizardAccount[] | null) {
  const query = useQuery({
    queryKey: ["selection-accounts", selection],
    enabled: selection !== null && initial === null,
    queryFn: async () => {
      const answer = await selectionAccountsAction({ selection: selection! });
      if (!answer.ok) throw new Error(answer.error);
      return answer.data;
    },
    staleTime: Infinity,
  });
  return { accounts: initial ?? query.data ?? null, error: query.error?.message ?? null };
}

/**
 * The job wizard: kind → its parameters → Check (preflightJob: nothing changes on the platform) → Start (startJob,
 * asking first for kinds users feel at once, and needing the explicit quota choice on an overrun) → the job's page.
 * Any change after a check asks for a new one.
 */
export function JobWizard(props: {
  initialKind: JobKind;
  /** The template to preselect (the fleet board's "bring up to date" names the target as `driftFrom`). */
  initialTemplateId?: number;
  selection: TenantSelection | "stash";
  summary: ReactNode;
  templates: TemplateGroup[];
  presets: PresetChoice[];
  profiles: NamedOption[];
  /** The selection's platform accounts when the page knows them (null: asked here, for a stashed selection). */
  accounts: WizardAccount[] | null;
}) {
  const tw = useTranslations("jobsWizard");
  const t = useTranslations("jobs");
  const tc = useTranslations("common");
  const router = useRouter();
  const stashed = useStashedSelection(props.selection === "stash");
  const selection = props.selection === "stash" ? stashed : props.selection;
  const { accounts, error: accountsError } = useSelectionAccounts(selection, props.accounts);
  const context = { accounts, templates: props.templates, initialTemplateId: props.initialTemplateId };
  const [kind, setKind] = useState<JobKind>(props.initialKind);
  const [draft, setDraft] = useState<Draft>(() =>
    initialDraft({ templateId: props.initialTemplateId ?? props.templates.flatMap((g) => g.templates)[0]?.id, profileId: props.profiles[0]?.id }),
  );
  const [checked, setChecked] = useState<{ key: string; result: Preflight } | null>(null);
  const [choice, setChoice] = useState<QuotaChoice>(null);
  const { run, pending, fieldErrors } = useAction({ settle: false });

  const request: JobRequest | null = selection ? { kind, params: paramsFor(kind, draft, context), selection } : null;
  const key = request ? requestKey(request) : "";
  const preflight = checked && checked.key === key ? checked.result : null;
  const stale = checked !== null && checked.key !== key;
  const overrun = preflight?.quota?.overrun ?? false;
  const startable = !!preflight && preflight.eligible > 0 && (!overrun || (choice === "firstN" && firstNOf(preflight) > 0));
  const startCount = preflight ? (overrun ? Math.min(firstNOf(preflight), preflight.eligible) : preflight.eligible) : 0;

  if (!request) {
    return <FormAlert>{t("errors.stashMissing")}</FormAlert>;
  }
  const onDraft = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const check = () =>
    run(() => preflightJobAction(request), {
      onSuccess: (result) => {
        setChecked({ key, result });
        setChoice(null);
      },
    });
  const start = () =>
    run(() => startJobAction({ ...request, ...(overrun && preflight ? { quotaChoice: { firstN: firstNOf(preflight) } } : {}) }), {
      success: () => t("wizard.started"),
      onSuccess: ({ jobId }) => router.push(`/jobs/${jobId}`),
    });

  const startButton = (onClick?: () => void) => (
    <Button type="button" data-testid="start-job" disabled={!startable || pending} onClick={onClick}>
      <Play aria-hidden />
      {pending ? t("wizard.starting") : t("wizard.start")}
    </Button>
  );

  return (
    <div className="grid grid-cols-1 gap-4">
      <Card>
        <CardHeader>
          <CardTitle>{t("wizard.selectionTitle")}</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-2 text-sm" data-testid="wizard-selection">
          {props.selection === "stash" ? <StashSummary selection={request.selection} /> : props.summary}
          <Link href="/tenants" className="justify-self-start text-sm text-primary underline-offset-4 hover:underline">
            {t("wizard.changeSelection")}
          </Link>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>{t("wizard.kindTitle")}</CardTitle>
          <CardDescription>{t(`kindHints.${kind}`)}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-5">
          <FormField id="job-kind" label={t("wizard.kind")} errors={fieldErrors?.kind}>
            {(f) => (
              <Select {...f} className="w-72" value={kind} onChange={(e) => setKind(e.target.value as JobKind)}>
                {JOB_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`kinds.${k}`)}
                  </option>
                ))}
              </Select>
            )}
          </FormField>
          {accounts === null ? (
            <p className="text-sm text-muted-foreground" role="status">
              {accountsError ? tw("accountsFailed", { error: accountsError }) : tw("accountsLoading")}
            </p>
          ) : null}
          <ParamsForm
            kind={kind}
            draft={draft}
            onDraft={onDraft}
            errors={fieldErrors}
            templates={props.templates}
            presets={props.presets}
            profiles={props.profiles}
            accounts={accounts}
            initialTemplateId={props.initialTemplateId}
          />
          {fieldErrors?.selection ? <FormAlert>{fieldErrors.selection.join(" ")}</FormAlert> : null}
          <div className="flex flex-wrap items-center gap-3">
            <Button type="button" variant={preflight ? "outline" : "default"} data-testid="preflight-job" disabled={pending} onClick={check}>
              <SearchCheck aria-hidden />
              {pending && !preflight ? t("wizard.preflighting") : t("wizard.preflight")}
            </Button>
            {stale ? (
              <p className="text-sm text-warning" role="status">
                {t("wizard.preflightStale")}
              </p>
            ) : null}
          </div>
        </CardContent>
      </Card>

      {preflight ? (
        <Card>
          <CardHeader>
            <CardTitle>{t("preflight.title")}</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-5">
            <PreflightView result={preflight} choice={choice} onChoice={setChoice} />
            <div className="flex flex-wrap items-center gap-3">
              {isDestructive(kind, draft) && startable ? (
                <ConfirmDialog
                  trigger={startButton()}
                  title={t("wizard.confirmTitle", { kind: t(`kinds.${kind}`), count: startCount })}
                  description={t("wizard.confirmDescription")}
                  confirmLabel={t("wizard.confirm")}
                  cancelLabel={tc("cancel")}
                  onConfirm={start}
                />
              ) : (
                startButton(start)
              )}
              {choice === "cancel" ? (
                <Button asChild variant="ghost">
                  <Link href="/tenants">{t("wizard.changeSelection")}</Link>
                </Button>
              ) : null}
            </div>
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}

function StashSummary({ selection }: { selection: TenantSelection }) {
  const t = useTranslations("jobs.wizard");
  if ("tenantIds" in selection) return <p>{t("pickedCount", { count: selection.tenantIds.length })}</p>;
  return <p>{t("exceptCount", { count: selection.except.length })}</p>;
}
