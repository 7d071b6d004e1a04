import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/session";
import { hasRole } from "@/lib/auth/roles";
import { env } from "@/lib/env";
import { NavLinks, type NavItem } from "@/components/shell/nav-links";
import { LocaleSwitch } from "@/components/shell/locale-switch";
import { UserMenu } from "@/components/shell/user-menu";
import { Logo } from "@/components/shell/logo";
import { SandboxBadge } from "@/components/shell/sandbox-badge";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await requireUser("viewer");
  const t = await getTranslations();
  // Only sections that exist, and only those the role may open.
  const items: NavItem[] = [
    { href: "/", label: t("nav.overview"), icon: "overview" },
    { href: "/tenants", label: t("nav.tenants"), icon: "tenants" },
    // Every role reads the library; operators and above change it (app/(console)/templates/actions.ts).
    { href: "/templates", label: t("templates.nav"), icon: "templates" },
    // The fleet's versions and drift (app/(console)/fleet) and the bulk jobs (app/(console)/jobs): every role reads.
    { href: "/fleet", label: t("nav.fleet"), icon: "fleet" },
    { href: "/jobs", label: t("nav.jobs"), icon: "jobs" },
    // Every role reads the quotas and looks up refusals; resets are for operators and above (app/(console)/quota/actions.ts).
    { href: "/quota", label: t("quota.nav"), icon: "quota" },
    { href: "/history", label: t("nav.history"), icon: "history" },
    ...(hasRole(user.role, "admin")
      ? [
          { href: "/admin/operators", label: t("nav.operators"), icon: "operators" as const },
          { href: "/settings/accounts", label: t("nav.accounts"), icon: "accounts" as const },
        ]
      : []),
    ...(env.SANDBOX && hasRole(user.role, "admin") ? [{ href: "/sandbox", label: t("nav.sandbox"), icon: "sandbox" as const }] : []),
    { href: "/account", label: t("nav.account"), icon: "account" },
  ];
  return (
    <div className="flex min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-card focus:px-3 focus:py-2">
        {t("nav.skip")}
      </a>
      <aside className="sticky top-0 hidden h-screen w-60 shrink-0 flex-col gap-6 border-r border-border bg-sidebar px-3 py-4 md:flex">
        <div className="flex items-center gap-2 px-2 text-sm font-semibold">
          <Logo />
          <span>{t("app.name")}</span>
        </div>
        <NavLinks items={items} label={t("nav.label")} />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-30 flex h-14 items-center justify-between gap-3 border-b border-border bg-card/90 px-4 backdrop-blur md:px-6">
          <div className="flex items-center gap-2 md:hidden">
            <Logo className="size-6" />
            <span className="text-sm font-semibold">{t("app.name")}</span>
          </div>
          <div className="hidden md:block" />
          <div className="flex items-center gap-3">
            {env.SANDBOX ? <SandboxBadge label={t("header.sandbox")} hint={t("header.sandboxHint")} /> : null}
            <LocaleSwitch />
            <UserMenu name={user.name} email={user.email} role={user.role} />
          </div>
        </header>
        <div className="border-b border-border bg-card px-3 py-2 md:hidden">
          <NavLinks items={items} label={t("nav.label")} />
        </div>
        <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 md:px-8">
          {children}
        </main>
      </div>
    </div>
  );
}
