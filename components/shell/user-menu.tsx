"use client";

import Link from "next/link";
import { DropdownMenu } from "radix-ui";
import { useTranslations } from "next-intl";
import { ChevronDown, LogOut, UserCog } from "lucide-react";
import { signOutAction } from "@/app/actions/session";
import type { Role } from "@/lib/vocab";

export function UserMenu({ name, email, role }: { name: string; email: string; role: Role }) {
  const t = useTranslations("header");
  const tr = useTranslations("roles");
  const item = "flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-muted";
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
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
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={6} className="z-50 min-w-56 rounded-md border border-border bg-card p-1 shadow-md">
          <div className="px-2 py-1.5 text-xs text-muted-foreground">{email}</div>
          <DropdownMenu.Separator className="my-1 h-px bg-border" />
          <DropdownMenu.Item asChild className={item}>
            <Link href="/account">
              <UserCog className="size-4" aria-hidden />
              {t("account")}
            </Link>
          </DropdownMenu.Item>
          <DropdownMenu.Item className={item} onSelect={() => void signOutAction({})}>
            <LogOut className="size-4" aria-hidden />
            {t("signOut")}
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
