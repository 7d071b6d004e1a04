"use client";

import { useTranslations } from "next-intl";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { MAX_CATEGORIES, MAX_NICKNAME, MAX_PRINCIPAL, SANDBOX_CATEGORY_OPTIONS } from "@/lib/sandbox/authorize-catalog";
import type { FieldErrors } from "@/lib/actions/result";

/** Registering a sandbox mini-program on the spot: the basics get_category and get_authorizer_info answer later. */
export function NewMiniProgramFields({ errors }: { errors?: FieldErrors }) {
  const t = useTranslations("sandboxAuthorize");
  const categoryErrors = errors?.categories;
  return (
    <div className="grid gap-4 rounded-md border border-border p-4">
      <FormField id="nickname" label={t("nickname")} hint={t("nicknameHint", { max: MAX_NICKNAME })} errors={errors?.nickname}>
        {(p) => <Input {...p} name="nickname" maxLength={MAX_NICKNAME} autoComplete="off" required />}
      </FormField>
      <FormField id="principalName" label={t("principalName")} errors={errors?.principalName}>
        {(p) => (
          <Input {...p} name="principalName" maxLength={MAX_PRINCIPAL} placeholder={t("principalPlaceholder")} autoComplete="organization" required />
        )}
      </FormField>
      <fieldset
        className="grid min-w-0 gap-2"
        aria-describedby={categoryErrors?.length ? "categories-hint categories-error" : "categories-hint"}
        aria-invalid={categoryErrors?.length ? true : undefined}
      >
        <legend className="mb-1.5 text-sm font-medium leading-none">{t("categories")}</legend>
        <div className="grid gap-1.5 sm:grid-cols-2">
          {SANDBOX_CATEGORY_OPTIONS.map((c) => (
            <label key={c.second_id} className="flex cursor-pointer items-center gap-2 rounded-md border border-border px-2.5 py-1.5 text-sm hover:bg-muted has-[:checked]:border-primary has-[:checked]:bg-accent">
              <input type="checkbox" name="categories" value={c.second_id} className="accent-[#07a153]" />
              {t(`category.c${c.second_id}`)}
            </label>
          ))}
        </div>
        <p id="categories-hint" className="text-xs text-muted-foreground">
          {t("categoriesHint", { max: MAX_CATEGORIES })}
        </p>
        {categoryErrors?.length ? (
          <p id="categories-error" className="text-xs text-destructive">
            {categoryErrors.join(" ")}
          </p>
        ) : null}
      </fieldset>
    </div>
  );
}
