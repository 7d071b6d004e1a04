"use client";

import { useLocale, useTranslations } from "next-intl";
import { Languages } from "lucide-react";
import { setLocaleAction } from "@/app/actions/session";
import { useAction } from "@/lib/hooks/use-action";
import { LOCALES, type Locale } from "@/lib/vocab";

const LABELS: Record<Locale, string> = { "zh-CN": "简体中文", en: "English" };

export function LocaleSwitch() {
  const t = useTranslations("header");
  const locale = useLocale() as Locale;
  // The page re-renders in the new language once the cookie is set.
  const { run, pending } = useAction();
  return (
    <label className="inline-flex items-center gap-1.5 text-sm text-muted-foreground">
      <Languages className="size-4" aria-hidden />
      <span className="sr-only">{t("language")}</span>
      <select
        aria-label={t("language")}
        className="rounded-md border border-border bg-card px-2 py-1 text-sm text-foreground"
        value={locale}
        disabled={pending}
        onChange={(event) => run(() => setLocaleAction({ locale: event.target.value as Locale }))}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LABELS[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
