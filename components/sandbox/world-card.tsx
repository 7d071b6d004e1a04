"use client";

import { useTranslations } from "next-intl";
import { deliverAction, resetSandboxAction, seedAction } from "@/app/(console)/sandbox/actions";
import type { SandboxSnapshot, SnapshotPlatform } from "@/lib/sandbox/control-state";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormAlert } from "@/components/ui/form-alert";
import { FormField } from "@/components/ui/form-field";
import { Input, Select } from "@/components/ui/input";
import { useSandboxAction } from "@/lib/hooks/use-sandbox";

export function WorldCard({ pushes, platforms }: { pushes: SandboxSnapshot["pushes"]; platforms: SnapshotPlatform[] }) {
  const t = useTranslations("sandbox.world");
  const tc = useTranslations("common");
  const deliver = useSandboxAction();
  const reset = useSandboxAction();
  const seed = useSandboxAction();
  const stats = [
    ["pending", pushes.pending],
    ["delivered", pushes.delivered],
    ["failed", pushes.failed],
  ] as const;
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-5">
        <section aria-labelledby="world-pushes" className="grid gap-2">
          <h3 id="world-pushes" className="text-sm font-medium">
            {t("pushes")}
          </h3>
          <dl className="grid grid-cols-3 gap-2 text-center" data-testid="sandbox-pushes">
            {stats.map(([key, value]) => (
              <div key={key} className="rounded-md border border-border px-2 py-1.5">
                <dt className="text-xs text-muted-foreground">{t(key)}</dt>
                <dd className="text-lg font-semibold tabular-nums">{value}</dd>
              </div>
            ))}
          </dl>
          <Button
            variant="outline"
            size="sm"
            className="justify-self-start"
            disabled={deliver.pending}
            onClick={() => deliver.run(() => deliverAction({}), { success: (d) => t("deliveredToast", { count: d.attempted }) })}
          >
            {t("deliver")}
          </Button>
        </section>

        <form onSubmit={seed.submit(seedAction, { success: (d) => t("seeded", { count: d.created, ms: d.elapsed_ms }) })} className="grid gap-3" noValidate aria-label={t("seed")}>
          {seed.formError ? <FormAlert>{seed.formError}</FormAlert> : null}
          <div className="grid items-start gap-3 sm:grid-cols-2">
            <FormField id="seed-count" label={t("seedCount")} errors={seed.fieldErrors?.authorizers} hint={t("seedHint")}>
              {(p) => <Input {...p} name="authorizers" type="number" min={1} max={50000} step={1} defaultValue={100} required />}
            </FormField>
            <FormField id="seed-platform" label={t("seedPlatform")} errors={seed.fieldErrors?.component_appid}>
              {(p) => (
                <Select {...p} name="component_appid" defaultValue="">
                  <option value="">{t("seedFirstPlatform")}</option>
                  {platforms.map((platform) => (
                    <option key={platform.component_appid} value={platform.component_appid}>
                      {platform.name} · {platform.component_appid}
                    </option>
                  ))}
                </Select>
              )}
            </FormField>
          </div>
          <Button type="submit" disabled={seed.pending} className="justify-self-start">
            {seed.pending ? t("seeding") : t("seed")}
          </Button>
        </form>

        <ConfirmDialog
          trigger={
            <Button variant="destructive" className="justify-self-start" disabled={reset.pending}>
              {t("reset")}
            </Button>
          }
          title={t("resetTitle")}
          description={t("resetDescription")}
          confirmLabel={t("reset")}
          cancelLabel={tc("cancel")}
          onConfirm={() => reset.run(() => resetSandboxAction({}), { success: () => t("resetDone") })}
        />
      </CardContent>
    </Card>
  );
}
