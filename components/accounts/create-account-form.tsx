"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { createAccountAction } from "@/app/(console)/settings/accounts/actions";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormAlert } from "@/components/ui/form-alert";
import { FormField } from "@/components/ui/form-field";
import { Input, Select } from "@/components/ui/input";
import { useAction } from "@/lib/hooks/use-action";
import type { Platform } from "@/lib/vocab";
import { AccountFields } from "./account-fields";

/** The platform chosen first decides the fields: a Baidu platform is named by its client_id and has no AppSecret. */
export function CreateAccountForm() {
  const t = useTranslations("accounts");
  const tb = useTranslations("baidu.accounts");
  const [platform, setPlatform] = useState<Platform>("wechat");
  const baidu = platform === "baidu";
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
              <Select {...p} name="platform" value={platform} onChange={(e) => setPlatform(e.target.value === "baidu" ? "baidu" : "wechat")}>
                <option value="wechat">{t("platforms.wechat")}</option>
                <option value="baidu">{tb("platformOption")}</option>
              </Select>
            )}
          </FormField>
          <FormField
            id="new-account-appId"
            label={baidu ? tb("clientId") : t("fields.appId")}
            errors={errors?.appId}
            hint={baidu ? tb("clientIdHint") : undefined}
          >
            {(p) => <Input {...p} name="appId" className="font-mono" autoComplete="off" spellCheck={false} placeholder={baidu ? "client_id" : "wx…"} required />}
          </FormField>
          <AccountFields key={platform} idPrefix="new-account" platform={platform} errors={errors} />
          <Button type="submit" disabled={pending}>
            {pending ? t("creating") : t("create")}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
