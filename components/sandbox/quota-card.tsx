"use client";

import { useTranslations } from "next-intl";
import { setQuotaAction } from "@/app/(console)/sandbox/actions";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormAlert } from "@/components/ui/form-alert";
import { FormField } from "@/components/ui/form-field";
import { Input, Select } from "@/components/ui/input";
import { useSandboxAction } from "@/lib/hooks/use-sandbox";

const FIELDS = ["audit_limit", "audit_used", "speedup_limit", "speedup_used", "clear_used"] as const;

/** Puts a platform's monthly quotas in any state the quota page must show (a blank field keeps its value). */
export function QuotaCard({ platforms }: { platforms: { id: string; name: string }[] }) {
  const t = useTranslations("quota.sandboxCard");
  const { submit, pending, fieldErrors: errors, formError } = useSandboxAction();
  if (platforms.length === 0) return null;
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={submit(setQuotaAction, { success: (d) => t("saved", { audit: d.audit.limit - d.audit.used, speedup: d.speedup.limit - d.speedup.used }) })} className="grid gap-3" noValidate aria-label={t("title")}>
          {formError ? <FormAlert>{formError}</FormAlert> : null}
          <FormField id="quota-platform" label={t("platform")} errors={errors?.component_appid}>
            {(p) => (
              <Select {...p} name="component_appid">
                {platforms.map((platform) => (
                  <option key={platform.id} value={platform.id}>
                    {platform.name} ({platform.id})
                  </option>
                ))}
              </Select>
            )}
          </FormField>
          <div className="grid items-start gap-3 sm:grid-cols-3 lg:grid-cols-5">
            {FIELDS.map((field) => (
              <FormField key={field} id={`quota-${field}`} label={t(field)} errors={errors?.[field]}>
                {(p) => <Input {...p} name={field} type="number" min={0} step={1} />}
              </FormField>
            ))}
          </div>
          <Button type="submit" disabled={pending} className="justify-self-start">
            {t("submit")}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
