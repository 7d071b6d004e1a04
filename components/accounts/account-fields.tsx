"use client";

import { useTranslations } from "next-intl";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import type { FieldErrors } from "@/lib/actions/result";
import type { Platform } from "@/lib/vocab";
import { AES_KEY_LENGTH } from "@/lib/validation/limits";

type Secrets = { secretSet: boolean; tokenSet: boolean; aesKeySet: boolean };

/**
 * The fields the create and edit forms share. Editing, a secret field starts empty: left empty it keeps the stored
 * value (which never reaches the browser), typed into it replaces it. A Baidu account has no AppSecret (its platform
 * token comes from the client_id and the pushed ticket), so the field is not shown for one.
 */
export function AccountFields({
  idPrefix,
  platform = "wechat",
  errors,
  defaults,
  existing,
  onAesKeyChange,
}: {
  idPrefix: string;
  platform?: Platform;
  errors?: FieldErrors;
  defaults?: { name: string; apiBase: string | null };
  existing?: Secrets;
  onAesKeyChange?: (value: string) => void;
}) {
  const t = useTranslations("accounts.fields");
  const tb = useTranslations("baidu.accounts");
  const baidu = platform === "baidu";
  const keep = (set: boolean | undefined) => (existing ? (set ? t("keepSet") : t("notSetYet")) : undefined);
  const secretProps = { autoComplete: "off", spellCheck: false, className: "font-mono" } as const;
  const apiBaseHint = baidu ? tb("apiBaseHint") : t("apiBaseHint");
  const apiBaseChangeHint = baidu ? tb("apiBaseChangeHint") : t("apiBaseChangeHint");
  return (
    <>
      <FormField id={`${idPrefix}-name`} label={t("name")} errors={errors?.name}>
        {(p) => <Input {...p} name="name" defaultValue={defaults?.name} maxLength={100} required />}
      </FormField>
      {baidu ? (
        <p className="text-xs text-muted-foreground" data-testid="baidu-no-secret">
          {tb("noSecret")}
        </p>
      ) : (
        <FormField id={`${idPrefix}-secret`} label={t("secret")} errors={errors?.secret} hint={keep(existing?.secretSet)}>
          {(p) => <Input {...p} {...secretProps} name="secret" type="password" required={!existing} />}
        </FormField>
      )}
      <FormField
        id={`${idPrefix}-token`}
        label={baidu ? tb("token") : t("token")}
        errors={errors?.token}
        hint={keep(existing?.tokenSet) ?? (baidu ? tb("tokenHint") : t("tokenHint"))}
      >
        {(p) => <Input {...p} {...secretProps} name="token" type="password" required={!existing} />}
      </FormField>
      <FormField
        id={`${idPrefix}-aesKey`}
        label={t("aesKey")}
        errors={errors?.aesKey}
        hint={existing ? `${keep(existing.aesKeySet)} ${t("aesKeyRotates")}` : t("aesKeyHint", { length: AES_KEY_LENGTH })}
      >
        {(p) => (
          <Input
            {...p}
            {...secretProps}
            name="aesKey"
            type="password"
            maxLength={AES_KEY_LENGTH + 10}
            required={!existing}
            onChange={(e) => onAesKeyChange?.(e.target.value)}
          />
        )}
      </FormField>
      <FormField id={`${idPrefix}-apiBase`} label={t("apiBase")} errors={errors?.apiBase} hint={existing ? `${apiBaseHint} ${apiBaseChangeHint}` : apiBaseHint}>
        {(p) => (
          <Input {...p} name="apiBase" type="url" defaultValue={defaults?.apiBase ?? ""} placeholder={baidu ? "https://openapi.baidu.com" : "https://api.weixin.qq.com"} />
        )}
      </FormField>
    </>
  );
}
