"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { createAuthorizationLinkAction } from "@/app/(console)/tenants/authorize/actions";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormAlert } from "@/components/ui/form-alert";
import { FormField } from "@/components/ui/form-field";
import { Select } from "@/components/ui/input";
import { useAction } from "@/lib/hooks/use-action";
import type { AuthorizationLink } from "@/lib/console/onboarding";
import type { TicketState } from "@/lib/console/verify-ticket";
import type { Platform } from "@/lib/vocab";
import { AuthorizationLinkCard } from "./authorization-link-card";

/**
 * `sandbox`: the account points at an emulator, so its links open the emulated authorization page. A Baidu account's
 * page takes no auth_type (it always offers smart programs): the choice is not shown for one.
 */
export type AuthorizeAccount = { id: string; name: string; platform: Platform; ticket: TicketState; sandbox: boolean };

/** `authTypes`: the auth_type values offered (lib/console/onboarding/index.ts), the first one selected. */
export function AuthorizeForm({ accounts, authTypes }: { accounts: AuthorizeAccount[]; authTypes: readonly number[] }) {
  const t = useTranslations("tenants.authorize");
  const tb = useTranslations("baidu");
  const [link, setLink] = useState<AuthorizationLink | null>(null);
  const [accountId, setAccountId] = useState(accounts[0]?.id ?? "");
  const { submit, pending, fieldErrors: errors, formError } = useAction();
  const onSubmit = submit(createAuthorizationLinkAction, { success: () => t("created"), onSuccess: setLink });
  const selected = accounts.find((a) => a.id === accountId);
  const ticket = selected?.ticket;
  const baidu = selected?.platform === "baidu";
  const hints = [
    ticket === "none" ? t("noTicketHint") : ticket === "stale" ? t("staleTicketHint") : null,
    selected?.sandbox ? (baidu ? tb("authorize.sandboxNote") : t("sandboxNote")) : null,
  ].filter((h): h is string => h !== null);

  return (
    <div className="grid gap-6">
      <Card className="h-fit">
        <CardHeader>
          <CardTitle>{t("formTitle")}</CardTitle>
          <CardDescription>{t("formDescription")}</CardDescription>
        </CardHeader>
        <CardContent>
          <form onSubmit={onSubmit} className="grid gap-3" noValidate aria-label={t("formTitle")}>
            {formError ? <FormAlert>{formError}</FormAlert> : null}
            <FormField
              id="authorize-account"
              label={t("account")}
              errors={errors?.accountId}
              hint={hints.length ? hints.join(" ") : undefined}
            >
              {(p) => (
                <Select {...p} name="accountId" value={accountId} onChange={(e) => setAccountId(e.target.value)}>
                  {accounts.map((a) => {
                    const name = a.platform === "baidu" ? tb("authorize.accountOption", { name: a.name }) : a.name;
                    return (
                      <option key={a.id} value={a.id}>
                        {a.sandbox ? t("sandboxAccount", { name }) : name}
                      </option>
                    );
                  })}
                </Select>
              )}
            </FormField>
            {baidu ? (
              <p className="text-sm text-muted-foreground">{tb("authorize.onePage")}</p>
            ) : (
              <FormField id="authorize-auth-type" label={t("authType")} errors={errors?.authType} hint={t("authTypeHint")}>
                {(p) => (
                  <Select {...p} name="authType" defaultValue={authTypes[0]}>
                    {authTypes.map((type) => (
                      <option key={type} value={type}>
                        {t(`authTypes.${type}`)}
                      </option>
                    ))}
                  </Select>
                )}
              </FormField>
            )}
            <Button type="submit" disabled={pending} className="justify-self-start">
              {pending ? t("creating") : link ? t("createAgain") : t("create")}
            </Button>
          </form>
        </CardContent>
      </Card>
      {link ? <AuthorizationLinkCard link={link} /> : null}
    </div>
  );
}
