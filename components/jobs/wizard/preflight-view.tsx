"use client";

import { useLocale, useTranslations } from "next-intl";
import { AlertTriangle, CheckCircle2 } from "lucide-react";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { IneligibleReason, Preflight, PreflightRow } from "@/lib/jobs/types";
import { codeText, reasonText, uiLocale, type JobsT } from "../words";

export type QuotaChoice = "firstN" | "cancel" | null;

const SHOWN = 200;

/** A rendered ext_json indented for reading (as sent when it is not JSON: the check says why). */
function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** How many the job may submit when the quota runs short: what is left this month after other running jobs. */
export const firstNOf = (p: Preflight) => Math.max(0, (p.quota?.remaining ?? 0) - (p.quota?.plannedByOthers ?? 0));

const PLATFORMS = new Set(["wechat", "baidu"]);

/**
 * A left-out tenant's reason in words: the platform-specific ones name the platform and the job ("Baidu smart programs
 * cannot take part in “Gray step”"), the others are the jobs catalog's reason with its values.
 */
function useRowReason(kind: Preflight["kind"], t: JobsT) {
  const tw = useTranslations("jobsWizard");
  return (row: PreflightRow): string | null => {
    const platform = String(row.detail?.platform ?? "");
    if (row.reason === "notSupported" && PLATFORMS.has(platform)) {
      const words = { platform: tw(`platforms.${platform as "wechat" | "baidu"}`), kind: t(`kinds.${kind}`) };
      return kind === "pipeline" ? tw("reasons.notSupportedPipeline", words) : tw("reasons.notSupported", words);
    }
    if (row.reason === "noAuditText") return tw("reasons.noAuditText");
    return reasonText(t, row.reason, row.detail);
  };
}

/**
 * What the preflight found: eligible / not, counts per reason, a table of who is left out and why (the platform's
 * code and meaning where it refused), the ext_json for three samples, and the audit quota forecast with the explicit
 * choice an overrun needs.
 */
export function PreflightView({ result, choice, onChoice }: { result: Preflight; choice: QuotaChoice; onChoice: (c: QuotaChoice) => void }) {
  const t = useTranslations("jobs") as unknown as JobsT;
  const locale = uiLocale(useLocale());
  const rowReason = useRowReason(result.kind, t);
  const left = result.rows.filter((r) => !r.eligible);
  const reasons = Object.entries(result.reasons).filter(([, n]) => n) as [IneligibleReason, number][];
  const quota = result.quota;
  const quotaRefusal = quota?.refusal ? (codeText(t, quota.refusal.code, quota.refusal.meaning, locale) ?? "") : null;
  return (
    <section aria-labelledby="preflight-title" className="grid gap-5" data-testid="preflight">
      <h2 id="preflight-title" className="sr-only">
        {t("preflight.title")}
      </h2>
      <p className="flex items-center gap-2 font-medium" role="status" data-testid="preflight-summary">
        {result.eligible > 0 ? <CheckCircle2 className="size-5 text-success" aria-hidden /> : <AlertTriangle className="size-5 text-warning" aria-hidden />}
        {t("preflight.summary", { eligible: result.eligible, total: result.total })}
      </p>
      {reasons.length ? (
        <ul className="grid gap-1 text-sm">
          {reasons.map(([reason, n]) => (
            <li key={reason} data-testid={`reason-${reason}`}>
              {t("preflight.reasonCount", { reason: reasonText(t, reason) ?? reason, count: n })}
            </li>
          ))}
        </ul>
      ) : null}

      {left.length ? (
        <div className="grid gap-2">
          <h3 className="text-sm font-semibold">{t("preflight.ineligibleTitle")}</h3>
          <div className="max-h-96 overflow-y-auto rounded-md border border-border">
            <Table aria-label={t("preflight.ineligibleTable")}>
              <TableHeader>
                <TableRow>
                  <TableHead>{t("preflight.tenant")}</TableHead>
                  <TableHead>{t("preflight.reason")}</TableHead>
                  <TableHead>{t("preflight.answer")}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {left.slice(0, SHOWN).map((row) => (
                  <TableRow key={row.tenantId} data-testid={`ineligible-${row.appid}`} className="align-top">
                    <TableCell>
                      <div className="font-medium">{row.nickname || row.appid}</div>
                      <div className="font-mono text-xs text-muted-foreground">{row.appid}</div>
                    </TableCell>
                    <TableCell className="text-sm" data-reason={row.reason ?? undefined}>
                      {rowReason(row) ?? "—"}
                    </TableCell>
                    <TableCell className="text-xs">{codeText(t, row.code, row.meaning, locale) ?? "—"}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
          {left.length > SHOWN ? <p className="text-xs text-muted-foreground">{t("preflight.moreRows", { shown: SHOWN, count: result.total - result.eligible })}</p> : null}
        </div>
      ) : null}

      {result.samples.length ? (
        <div className="grid gap-2">
          <h3 className="text-sm font-semibold">{t("preflight.samplesTitle")}</h3>
          <div className="grid gap-3 lg:grid-cols-3">
            {result.samples.map((s) => (
              <figure key={s.tenantId} className="grid min-w-0 gap-1" data-testid="ext-json-sample">
                <figcaption className="text-xs font-medium">{s.nickname}</figcaption>
                {s.extJson !== null ? (
                  <pre className="max-h-64 overflow-auto rounded bg-muted p-2 text-xs">{pretty(s.extJson)}</pre>
                ) : (
                  <p className="text-xs text-destructive">{t("preflight.sampleFailed", { error: s.error ?? "—" })}</p>
                )}
              </figure>
            ))}
          </div>
        </div>
      ) : null}

      {quota ? (
        <div className="grid gap-3" data-testid="quota-forecast">
          <h3 className="text-sm font-semibold">{t("preflight.quotaTitle")}</h3>
          <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-4">
            {(
              [
                ["needed", quota.needed],
                ["remaining", quota.remaining],
                ["limit", quota.limit],
                ["plannedByOthers", quota.plannedByOthers],
              ] as const
            ).map(([key, value]) => (
              <div key={key}>
                <dt className="text-xs text-muted-foreground">{t(`preflight.${key}`)}</dt>
                <dd className="font-medium tabular-nums">{value ?? t("preflight.unknown")}</dd>
              </div>
            ))}
          </dl>
          {quotaRefusal ? <p className="text-xs text-muted-foreground">{t("preflight.quotaRefused", { answer: quotaRefusal })}</p> : null}
          {quota.overrun ? (
            <fieldset className="grid gap-2 rounded-md border border-warning/40 bg-warning/5 p-3 text-sm" data-testid="quota-choice">
              <legend className="flex items-center gap-2 px-1 font-medium text-warning">
                <AlertTriangle className="size-4" aria-hidden />
                {t("preflight.overrun")}
              </legend>
              <span className="text-xs text-muted-foreground">{t("preflight.choice")}</span>
              <label className="flex items-center gap-2">
                <input type="radio" name="quota-choice" className="size-4 accent-primary" checked={choice === "firstN"} onChange={() => onChoice("firstN")} />
                {t("preflight.firstN", { count: firstNOf(result) })}
              </label>
              <label className="flex items-center gap-2">
                <input type="radio" name="quota-choice" className="size-4 accent-primary" checked={choice === "cancel"} onChange={() => onChoice("cancel")} />
                {t("preflight.cancelChoice")}
              </label>
            </fieldset>
          ) : null}
        </div>
      ) : null}
      {result.eligible === 0 ? <p className="text-sm text-muted-foreground">{t("preflight.nothingEligible")}</p> : null}
    </section>
  );
}
