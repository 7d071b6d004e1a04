"use client";

import { useTranslations } from "next-intl";
import { signInAction } from "@/app/login/actions";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FormField } from "@/components/ui/form-field";
import { FormAlert } from "@/components/ui/form-alert";
import { useAction } from "@/lib/hooks/use-action";

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations("login");
  // The error shows in the form; a success leaves the page.
  const { submit, pending, fieldErrors: errors, formError } = useAction({ settle: false, toastErrors: false });
  return (
    <form onSubmit={submit(signInAction)} className="grid gap-4" noValidate>
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
