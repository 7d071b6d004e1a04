"use client";

import { useTranslations } from "next-intl";
import { setupAction } from "@/app/setup/actions";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FormField } from "@/components/ui/form-field";
import { FormAlert } from "@/components/ui/form-alert";
import { useAction } from "@/lib/hooks/use-action";

/** `codeRequired`: a production deployment asks for the one-time setup code from the server log (lib/console/setup.ts). */
export function SetupForm({ codeRequired }: { codeRequired: boolean }) {
  const t = useTranslations("setup");
  // The error shows in the form; a success signs the first admin in and leaves the page.
  const { submit, pending, fieldErrors: errors, formError } = useAction({ settle: false, toastErrors: false });
  return (
    <form onSubmit={submit(setupAction)} className="grid gap-4" noValidate>
      {formError ? <FormAlert>{formError}</FormAlert> : null}
      {codeRequired ? (
        <FormField id="code" label={t("code")} errors={errors?.code} hint={t("codeHint")}>
          {(p) => <Input {...p} name="code" autoComplete="one-time-code" spellCheck={false} required autoFocus />}
        </FormField>
      ) : null}
      <FormField id="name" label={t("name")} errors={errors?.name}>
        {(p) => <Input {...p} name="name" autoComplete="name" required autoFocus={!codeRequired} />}
      </FormField>
      <FormField id="email" label={t("email")} errors={errors?.email}>
        {(p) => <Input {...p} name="email" type="email" autoComplete="username" required />}
      </FormField>
      <FormField id="password" label={t("password")} errors={errors?.password} hint={t("passwordHint")}>
        {(p) => <Input {...p} name="password" type="password" autoComplete="new-password" required />}
      </FormField>
      <FormField id="confirm" label={t("confirm")} errors={errors?.confirm}>
        {(p) => <Input {...p} name="confirm" type="password" autoComplete="new-password" required />}
      </FormField>
      <Button type="submit" disabled={pending}>
        {pending ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
