"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { Building2, FileCode2, FlaskConical, Gauge, History, KeyRound, Layers, LayoutDashboard, ListChecks, UserCog, Users } from "lucide-react";
import { cn } from "@/lib/utils/cn";

const ICONS = {
  overview: LayoutDashboard,
  tenants: Building2,
  templates: FileCode2,
  fleet: Layers,
  jobs: ListChecks,
  quota: Gauge,
  history: History,
  operators: Users,
  accounts: KeyRound,
  sandbox: FlaskConical,
  account: UserCog,
} as const;
export type NavItem = { href: string; label: string; icon: keyof typeof ICONS };

export function NavLinks({ items, label }: { items: NavItem[]; label: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="grid gap-0.5">
      {items.map((item) => {
        const active = item.href === "/" ? pathname === "/" : pathname === item.href || pathname.startsWith(item.href + "/");
        const Icon = ICONS[item.icon];
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "flex items-center gap-2.5 rounded-md px-3 py-2 text-sm text-muted-foreground hover:bg-muted hover:text-foreground",
              active && "bg-accent font-medium text-primary hover:bg-accent hover:text-primary",
            )}
          >
            <Icon className="size-4" aria-hidden />
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
