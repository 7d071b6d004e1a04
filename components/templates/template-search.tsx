"use client";

import { useTransition, type FormEvent, type ReactNode } from "react";
import { usePathname, useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Search, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

/** Search as URL parameters (shareable); the account stays chosen. Works as a plain GET form without JavaScript. */
export function TemplateSearch({ accountId, q, children }: { accountId: string; q: string; children: ReactNode }) {
  const t = useTranslations("templates.list");
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const go = (value: string) => {
    const params = new URLSearchParams({ account: accountId });
    if (value.trim()) params.set("q", value.trim());
    startTransition(() => router.push(`${pathname}?${params}`));
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    go(String(new FormData(event.currentTarget).get("q") ?? ""));
  };
  return (
    <>
      <form role="search" aria-label={t("search")} onSubmit={onSubmit} className="mb-4 flex flex-wrap items-end gap-3" key={q}>
        <input type="hidden" name="account" value={accountId} />
        <div className="grid min-w-56 flex-1 gap-1.5">
          <Label htmlFor="template-q">{t("search")}</Label>
          <Input id="template-q" name="q" type="search" defaultValue={q} placeholder={t("searchPlaceholder")} maxLength={100} autoComplete="off" />
        </div>
        <Button type="submit" disabled={pending}>
          <Search aria-hidden />
          {t("submit")}
        </Button>
        {q ? (
          <Button type="button" variant="ghost" disabled={pending} onClick={() => go("")}>
            <X aria-hidden />
            {t("clear")}
          </Button>
        ) : null}
      </form>
      <div aria-busy={pending} className={pending ? "pointer-events-none opacity-60 transition-opacity" : undefined}>
        {children}
      </div>
    </>
  );
}
