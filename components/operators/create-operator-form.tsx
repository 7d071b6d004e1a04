"use client";

import { useTranslations } from "next-intl";
import { createOperatorAction } from "@/app/(console)/admin/operators/actions";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input, Select } from "@/components/ui/input";
import { FormAlert } from "@/components/ui/form-alert";
import { useAction } from "@/lib/hooks/use-action";
import { ROLES } from "@/lib/vocab";

export function CreateOperatorForm() {
  const t = useTranslations("operators");
  const tr = useTranslations("roles");
  const { submit, pending, fieldErrors: errors, formError } = useAction();
  return (
    <Card className="h-fit">
      <CardHeader>
        <CardTitle>{t("createTitle")}</CardTitle>
        <CardDescription>{t("createDescription")}</CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={submit(createOperatorAction, { success: (d) => t("created", { email: d.email }), reset: true })} className="grid gap-3" noValidate aria-label={t("createTitle")}>
          {formError ? <FormAlert>{formError}</FormAlert> : null}
          <FormField id="new-name" label={t("name")} errors={errors?.name}>
            {(p) => <Input {...p} name="name" required />}
          </FormField>
          <FormField id="new-email" label={t("email")} errors={errors?.email}>
            {(p) => <Input {...p} name="email" type="email" autoComplete="off" required />}
          </FormField>
          <FormField id="new-role" label={t("role")} errors={errors?.role}>
            {(p) => (
              <Select {...p} name="role" defaultValue="operator">
                {ROLES.map((role) => (
                  <option key={role} value={role}>
                    {tr(role)}
                  </option>
                ))}
              </Select>
            )}
          </FormField>
          <FormField id="new-password" label={t("initialPassword")} errors={errors?.password} hint={t("passwordHint")}>
            {(p) => <Input {...p} name="password" type="password" autoComplete="new-password" required />}
          </FormField>
          <Button type="submit" disabled={pending}>
            {pending ? t("creating") : t("create")}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
