"use client";

import { useTranslations } from "next-intl";
import { setLatencyAction } from "@/app/(console)/sandbox/actions";
import type { SandboxSettings } from "@/lib/sandbox/settings";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormAlert } from "@/components/ui/form-alert";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useSandboxAction } from "@/lib/hooks/use-sandbox";

export function LatencyCard({ latency }: { latency: SandboxSettings["latency"] }) {
  const t = useTranslations("sandbox.latency");
  const { submit, pending, fieldErrors: errors, formError } = useSandboxAction();
  const onSubmit = submit(setLatencyAction, { success: (d) => t("saved", { ms: d.ms, jitter: d.jitterMs }) });
  return (
    <Card className="h-fit">
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent>
        {/* Keyed by the saved values: a change made elsewhere (a script, another admin) shows up in the fields. */}
        <form key={`${latency.ms}:${latency.jitterMs}`} onSubmit={onSubmit} className="grid gap-3" noValidate aria-label={t("title")}>
          {formError ? <FormAlert>{formError}</FormAlert> : null}
          <div className="grid items-start gap-3 sm:grid-cols-2">
            <FormField id="latency-ms" label={t("ms")} errors={errors?.ms} hint={t("hint")}>
              {(p) => <Input {...p} name="ms" type="number" min={0} max={60000} step={1} defaultValue={latency.ms} required />}
            </FormField>
            <FormField id="latency-jitter" label={t("jitter")} errors={errors?.jitter_ms} hint={t("hint")}>
              {(p) => <Input {...p} name="jitter_ms" type="number" min={0} max={60000} step={1} defaultValue={latency.jitterMs} />}
            </FormField>
          </div>
          <Button type="submit" disabled={pending} className="justify-self-start">
            {t("submit")}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
