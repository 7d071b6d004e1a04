"use client";

import { useTranslations } from "next-intl";
import { signInAction } from "@/app/login/actions";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FormField } from "@/components/ui/form-field";
import { FormAlert } from "@/components/ui/form-alert";
import { useFormAction } from "@/lib/hooks/use-form-action";

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations("login");
  const { onSubmit, pending, fieldErrors: errors, formError } = useFormAction(signInAction);
  return (
    <form onSubmit={onSubmit} className="grid gap-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {formError ? <FormAlert>{formError}</FormAlert> : null}
      <FormField id="email" label={t("email")} errors={errors?.email}>
        {(p) => <Input {...p} name="email" type="email" autoComplete="username" required autoFocus />}
      </FormField>
      <FormField id="password" label={t("password")} errors={errors?.password}>
        {(p) => <Input {...p} name="password" type="password" autoComplete="current-password" required />}
      </FormField>
      <Button type="submit" disabled={pending} aria-busy={pending}>
        {pending ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
