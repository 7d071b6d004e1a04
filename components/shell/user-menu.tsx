"use client";

import { useMenuButton } from "@/lib/hooks/use-menu-button";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { ChevronDown, LogOut, UserCog } from "lucide-react";
import { signOutAction } from "@/app/actions/session";
import type { Role } from "@/lib/vocab";

/**
 * The account menu, a WAI-ARIA menu button written out by hand: two items do not need a positioning engine, and a
 * menu library was the largest part of the JavaScript every console page loaded (measured with `npm run bench:pages`).
 * Its keyboard and focus behaviour is lib/hooks/use-menu-button.ts (shared with the selection's Actions menu).
 */
export function UserMenu({ name, email, role }: { name: string; email: string; role: Role }) {
  const t = useTranslations("header");
  const tr = useTranslations("roles");
  const { open, setOpen, rootProps, buttonProps, menuProps } = useMenuButton();

  const item = "flex w-full cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-left text-sm outline-none hover:bg-muted focus:bg-muted";
  return (
    <div {...rootProps} className="relative">
      <button
        {...buttonProps}
        className="flex items-center gap-2 rounded-md px-2 py-1 text-sm hover:bg-muted"
        aria-label={t("userMenu")}
      >
        <span className="grid size-7 place-items-center rounded-full bg-accent text-xs font-semibold text-primary" aria-hidden>
          {name.slice(0, 1).toUpperCase()}
        </span>
        <span className="hidden text-left sm:block">
          <span className="block font-medium leading-tight">{name}</span>
          <span className="block text-xs leading-tight text-muted-foreground">{tr(role)}</span>
        </span>
        <ChevronDown className="size-4 text-muted-foreground" aria-hidden />
      </button>
      {open ? (
        <div {...menuProps} aria-label={t("userMenu")} className="absolute right-0 top-full z-50 mt-1.5 min-w-56 rounded-md border border-border bg-card p-1 shadow-md">
          <div className="px-2 py-1.5 text-xs text-muted-foreground">{email}</div>
          <div role="separator" className="my-1 h-px bg-border" />
          <Link role="menuitem" tabIndex={-1} href="/account" className={item} onClick={() => setOpen(false)}>
            <UserCog className="size-4" aria-hidden />
            {t("account")}
          </Link>
          <button role="menuitem" tabIndex={-1} type="button" className={item} onClick={() => void signOutAction({})}>
            <LogOut className="size-4" aria-hidden />
            {t("signOut")}
          </button>
        </div>
      ) : null}
    </div>
  );
}
