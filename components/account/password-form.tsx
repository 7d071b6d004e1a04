"use client";

import { useActionState, useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import { toast } from "sonner";
import { changePasswordAction } from "@/app/(console)/account/actions";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import type { ActionResult } from "@/lib/actions/result";

export function PasswordForm() {
  const t = useTranslations("account");
  const formRef = useRef<HTMLFormElement>(null);
  const [state, action, pending] = useActionState(
    async (_prev: ActionResult<null> | null, form: FormData) => changePasswordAction(form),
    null,
  );
  useEffect(() => {
    if (state?.ok) {
      toast.success(t("passwordChanged"));
      formRef.current?.reset();
    } else if (state && !state.ok) toast.error(state.error);
  }, [state, t]);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form ref={formRef} action={action} className="grid gap-3" noValidate aria-label={t("changePassword")}>
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
