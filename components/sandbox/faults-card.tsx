"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { addFaultAction, clearFaultsAction } from "@/app/(console)/sandbox/actions";
import type { SnapshotFault } from "@/lib/sandbox/control-state";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormAlert } from "@/components/ui/form-alert";
import { FormField } from "@/components/ui/form-field";
import { Input, Select } from "@/components/ui/input";
import { useSandboxAction } from "@/lib/hooks/use-sandbox";

const KINDS = ["errcode", "http_status", "timeout_ms"] as const;
type Kind = (typeof KINDS)[number];
const KIND_LABEL = { errcode: "kindErrcode", http_status: "kindHttp", timeout_ms: "kindTimeout" } as const;

/** One value field stands for the chosen kind; the action receives it under that kind's own name. */
function toFault(form: FormData) {
  const kind = (form.get("kind") as Kind | null) ?? "errcode";
  return {
    path: String(form.get("path") ?? ""),
    [kind]: String(form.get("value") ?? ""),
    probability: String(form.get("probability") ?? ""),
    count: String(form.get("count") ?? ""),
  };
}
const submitFault = (form: FormData) => addFaultAction(toFault(form));

export function FaultsCard({ faults }: { faults: SnapshotFault[] }) {
  const t = useTranslations("sandbox.faults");
  const [kind, setKind] = useState<Kind>("errcode");
  const { submit, pending, fieldErrors: errors, formError } = useSandboxAction();
  const onSubmit = submit(submitFault, { success: (d) => t("added", { path: d.path }) });
  const clear = useSandboxAction();
  const valueErrors = errors?.[kind] ?? errors?.errcode;
  return (
    <Card className="h-fit">
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-5">
        <form onSubmit={onSubmit} className="grid gap-3"
          noValidate
          aria-label={t("title")}
        >
          {formError ? <FormAlert>{formError}</FormAlert> : null}
          <FormField id="fault-path" label={t("path")} errors={errors?.path} hint={t("pathHint")}>
            {(p) => <Input {...p} name="path" placeholder="/wxa/commit" autoComplete="off" required />}
          </FormField>
          <div className="grid items-start gap-3 sm:grid-cols-2">
            <FormField id="fault-kind" label={t("kind")}>
              {(p) => (
                <Select {...p} name="kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
                  {KINDS.map((k) => (
                    <option key={k} value={k}>
                      {t(KIND_LABEL[k])}
                    </option>
                  ))}
                </Select>
              )}
            </FormField>
            <FormField id="fault-value" label={t("value")} errors={valueErrors} hint={t("valueHint")}>
              {(p) => <Input {...p} name="value" inputMode="numeric" autoComplete="off" required />}
            </FormField>
            <FormField id="fault-probability" label={t("probability")} errors={errors?.probability} hint={t("probabilityHint")}>
              {(p) => <Input {...p} name="probability" type="number" min={0} max={1} step={0.05} defaultValue={1} />}
            </FormField>
            <FormField id="fault-count" label={t("count")} errors={errors?.count} hint={t("countHint")}>
              {(p) => <Input {...p} name="count" type="number" min={1} step={1} />}
            </FormField>
          </div>
          <Button type="submit" disabled={pending}>
            {pending ? t("submitting") : t("submit")}
          </Button>
        </form>

        <section aria-labelledby="faults-active" className="grid gap-2">
          <div className="flex items-center justify-between gap-2">
            <h3 id="faults-active" className="text-sm font-medium">
              {t("active")}
            </h3>
            <Button
              variant="outline"
              size="sm"
              disabled={clear.pending || faults.length === 0}
              onClick={() => clear.run(() => clearFaultsAction({}), { success: (d) => t("cleared", { count: d.removed }) })}
            >
              {t("clear")}
            </Button>
          </div>
          {faults.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("none")}</p>
          ) : (
            <ul className="grid gap-2" data-testid="sandbox-faults">
              {faults.map((f) => (
                <li key={f.id} className="flex items-center justify-between gap-2 rounded-md border border-border px-3 py-2 text-sm">
                  <div className="min-w-0">
                    <div className="break-all font-mono text-xs">{f.path}</div>
                    <div className="text-muted-foreground">
                      {[
                        f.http_status ? t("describeHttp", { status: f.http_status }) : null,
                        f.errcode !== null ? t("describeErrcode", { errcode: f.errcode }) : null,
                        f.timeout_ms ? t("describeTimeout", { ms: f.timeout_ms }) : null,
                        t("chance", { percent: Math.round(f.probability * 100) }),
                        f.remaining === null ? t("untilCleared") : t("remaining", { count: f.remaining }),
                      ]
                        .filter(Boolean)
                        .join(" · ")}
                    </div>
                  </div>
                  <Button
                    variant="ghost"
                    size="sm"
                    disabled={clear.pending}
                    aria-label={t("removeOf", { path: f.path })}
                    onClick={() => clear.run(() => clearFaultsAction({ id: f.id }), { success: () => t("removed") })}
                  >
                    {t("remove")}
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </section>
      </CardContent>
    </Card>
  );
}
