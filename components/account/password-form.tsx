"use client";

import { useTranslations } from "next-intl";
import { changePasswordAction } from "@/app/(console)/account/actions";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useAction } from "@/lib/hooks/use-action";

export function PasswordForm() {
  const t = useTranslations("account");
  const { submit, pending, fieldErrors: errors } = useAction();
  return (
    <form onSubmit={submit(changePasswordAction, { success: () => t("passwordChanged"), reset: true })} className="grid gap-3" noValidate aria-label={t("changePassword")}>
      <FormField id="current" label={t("current")} errors={errors?.current}>
        {(p) => <Input {...p} name="current" type="password" autoComplete="current-password" required />}
      </FormField>
      <FormField id="password" label={t("new")} errors={errors?.password} hint={t("passwordHint")}>
        {(p) => <Input {...p} name="password" type="password" autoComplete="new-password" required />}
      </FormField>
      <FormField id="confirm" label={t("confirm")} errors={errors?.confirm}>
        {(p) => <Input {...p} name="confirm" type="password" autoComplete="new-password" required />}
      </FormField>
      <Button type="submit" disabled={pending}>
        {pending ? t("saving") : t("save")}
      </Button>
    </form>
  );
}
