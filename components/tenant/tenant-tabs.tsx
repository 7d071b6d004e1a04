"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils/cn";

export type TenantTab = { href: string; label: string };

/** The tenant page's sections; the one shown is marked for assistive technology too (aria-current). */
export function TenantTabs({ tabs, label }: { tabs: TenantTab[]; label: string }) {
  const pathname = usePathname();
  const current = (href: string, index: number) => (index === 0 ? pathname === href : pathname === href || pathname.startsWith(`${href}/`));
  return (
    <nav aria-label={label} className="mb-6 border-b border-border">
      <ul className="-mb-px flex flex-wrap gap-1">
        {tabs.map((tab, index) => {
          const active = current(tab.href, index);
          return (
            <li key={tab.href}>
              <Link
                href={tab.href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "inline-block border-b-2 px-3 py-2 text-sm font-medium transition-colors",
                  active ? "border-primary text-foreground" : "border-transparent text-muted-foreground hover:text-foreground",
                )}
              >
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
