"use client";

import { useTranslations } from "next-intl";
import { createAccountAction } from "@/app/(console)/settings/accounts/actions";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormAlert } from "@/components/ui/form-alert";
import { FormField } from "@/components/ui/form-field";
import { Input, Select } from "@/components/ui/input";
import { useAction } from "@/lib/hooks/use-action";
import { AccountFields } from "./account-fields";

export function CreateAccountForm() {
  const t = useTranslations("accounts");
  const { submit, pending, fieldErrors: errors, formError } = useAction();
  return (
    <Card className="h-fit">
      <CardHeader>
        <CardTitle>{t("createTitle")}</CardTitle>
        <CardDescription>{t("createDescription")}</CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={submit(createAccountAction, { success: (d) => t("created", { name: d.name }), reset: true })} className="grid gap-3" noValidate aria-label={t("createTitle")}>
          {formError ? <FormAlert>{formError}</FormAlert> : null}
          <FormField id="new-account-platform" label={t("fields.platform")} errors={errors?.platform}>
            {(p) => (
              <Select {...p} name="platform" defaultValue="wechat">
                <option value="wechat">{t("platforms.wechat")}</option>
                <option value="baidu" disabled>
                  {t("platforms.baiduLater")}
                </option>
              </Select>
            )}
          </FormField>
          <FormField id="new-account-appId" label={t("fields.appId")} errors={errors?.appId}>
            {(p) => <Input {...p} name="appId" className="font-mono" autoComplete="off" spellCheck={false} placeholder="wx…" required />}
          </FormField>
          <AccountFields idPrefix="new-account" errors={errors} />
          <Button type="submit" disabled={pending}>
            {pending ? t("creating") : t("create")}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
