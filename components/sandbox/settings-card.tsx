"use client";

import { useTranslations } from "next-intl";
import { updateSettingsAction } from "@/app/(console)/sandbox/actions";
import type { SandboxSettings } from "@/lib/sandbox/settings";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormAlert } from "@/components/ui/form-alert";
import { FormField } from "@/components/ui/form-field";
import { Input, Select } from "@/components/ui/input";
import { useSandboxAction } from "@/lib/hooks/use-sandbox";

const MODES = [
  ["off", "modeOff"],
  ["approve", "modeApprove"],
  ["reject", "modeReject"],
  ["delay", "modeDelay"],
] as const;

/** The flat form becomes the nested patch the settings schema expects (autoDecide is one group). */
function toPatch(form: FormData) {
  const value = (name: string) => String(form.get(name) ?? "");
  return {
    tokenTtlSeconds: value("tokenTtlSeconds"),
    privacyScanMs: value("privacyScanMs"),
    undoDailyLimit: value("undoDailyLimit"),
    undoMonthlyLimit: value("undoMonthlyLimit"),
    autoDecide: { mode: value("mode") as SandboxSettings["autoDecide"]["mode"], afterMs: value("afterMs"), reason: value("reason") },
  };
}
const submitSettings = (form: FormData) => updateSettingsAction(toPatch(form));

export function SettingsCard({ settings }: { settings: SandboxSettings }) {
  const t = useTranslations("sandbox.settings");
  const { submit, pending, fieldErrors: errors, formError } = useSandboxAction();
  const onSubmit = submit(submitSettings, { success: () => t("saved") });
  const field = (name: "tokenTtlSeconds" | "privacyScanMs" | "undoDailyLimit" | "undoMonthlyLimit", label: string, hint?: string) => (
    <FormField id={`settings-${name}`} label={label} errors={errors?.[name]} hint={hint}>
      {(p) => <Input {...p} name={name} type="number" min={0} step={1} defaultValue={settings[name]} required />}
    </FormField>
  );
  return (
    <Card className="h-fit">
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent>
        <form key={JSON.stringify(settings)} onSubmit={onSubmit} className="grid gap-3" noValidate aria-label={t("title")}>
          {formError ? <FormAlert>{formError}</FormAlert> : null}
          <div className="grid items-start gap-3 sm:grid-cols-2">
            {field("tokenTtlSeconds", t("tokenTtl"), t("tokenTtlHint"))}
            {field("privacyScanMs", t("privacyScan"), t("privacyScanHint"))}
            {field("undoDailyLimit", t("undoDaily"))}
            {field("undoMonthlyLimit", t("undoMonthly"))}
            <FormField id="settings-mode" label={t("autoDecide")}>
              {(p) => (
                <Select {...p} name="mode" defaultValue={settings.autoDecide.mode}>
                  {MODES.map(([mode, label]) => (
                    <option key={mode} value={mode}>
                      {t(label)}
                    </option>
                  ))}
                </Select>
              )}
            </FormField>
            <FormField id="settings-after" label={t("afterMs")} errors={errors?.autoDecide}>
              {(p) => <Input {...p} name="afterMs" type="number" min={0} step={100} defaultValue={settings.autoDecide.afterMs} />}
            </FormField>
          </div>
          <FormField id="settings-reason" label={t("reason")}>
            {(p) => <Input {...p} name="reason" maxLength={500} defaultValue={settings.autoDecide.reason ?? ""} autoComplete="off" />}
          </FormField>
          <Button type="submit" disabled={pending} className="justify-self-start">
            {t("submit")}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
