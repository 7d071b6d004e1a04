import { Suspense, type ReactNode } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AlertTriangle, ChevronLeft } from "lucide-react";
import { z } from "zod";
import { TenantStatusBadge } from "@/components/tenants/tenant-badges";
import { TenantAvatar } from "@/components/tenants/tenant-avatar";
import { TenantTabs } from "@/components/tenant/tenant-tabs";
import { VersionBoard, VersionBoardSkeleton } from "@/components/tenant/version-board";
import { requireUser } from "@/lib/auth/session";
import { qrJumpAvailable } from "@/lib/console/qrcode-jump";
import { getTenantRow } from "@/lib/console/tenants/queries";
import { versionBoard } from "@/lib/console/versions";

/** One mini-program: its identity, the version board, and the tabs of its release workflow. */
export default async function TenantLayout({ children, params }: { children: ReactNode; params: Promise<{ tenantId: string }> }) {
  const user = await requireUser("viewer");
  const { tenantId } = await params;
  if (!z.uuid().safeParse(tenantId).success) notFound();
  const tenant = await getTenantRow(tenantId);
  if (!tenant) notFound();
  const [t, ts] = [await getTranslations("tenant"), await getTranslations("tenants")];
  const base = `/tenants/${tenant.id}`;
  // A tab the platform cannot serve is not shown (Baidu: no QR-jump rules).
  const sections = (["overview", "code", "audit", "release", "qrcodeJump", "history"] as const).filter((tab) => tab !== "qrcodeJump" || qrJumpAvailable(tenant.platform));
  const tabs = sections.map((tab) => ({
    href: tab === "overview" ? base : `${base}/${tab === "qrcodeJump" ? "qrcode-jump" : tab}`,
    label: t(`tabs.${tab}`),
  }));
  const name = tenant.nickname || tenant.appid;
  const readable = tenant.status === "authorized" && tenant.codeManagement;

  return (
    <>
      <Link href="/tenants" className="mb-3 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
        <ChevronLeft className="size-4" aria-hidden />
        {t("backToList")}
      </Link>
      <header className="mb-4 flex flex-wrap items-center gap-3">
        <TenantAvatar src={tenant.avatarUrl} name={name} />
        <div className="min-w-0 flex-1">
          <h1 className="truncate text-2xl font-semibold tracking-tight">{tenant.nickname || t("unnamed")}</h1>
          <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-muted-foreground">
            <span className="font-mono">{tenant.appid}</span>
            <span>{t("account", { name: tenant.accountName })}</span>
          </p>
        </div>
        <TenantStatusBadge status={tenant.status} label={ts(`status.${tenant.status}`)} />
      </header>
      {tenant.status === "needs_reauth" ? (
        <div role="alert" className="mb-4 flex flex-wrap items-center gap-3 rounded-lg border border-destructive/40 bg-destructive/5 px-4 py-3 text-sm text-destructive">
          <AlertTriangle className="size-5 shrink-0" aria-hidden />
          <span className="flex-1">{t("reauthBanner")}</span>
          <Link href="/tenants/authorize" className="font-medium underline underline-offset-4">
            {t("reauthAction")}
          </Link>
        </div>
      ) : null}
      {tenant.status === "unauthorized" ? (
        <div role="status" className="mb-4 rounded-lg border border-border bg-muted px-4 py-3 text-sm">
          {t("unauthorizedBanner")}
        </div>
      ) : null}
      {tenant.status === "authorized" && !tenant.codeManagement ? (
        <div role="status" className="mb-4 rounded-lg border border-warning/40 bg-warning/5 px-4 py-3 text-sm">
          {t("board.noCodeManagement")}
        </div>
      ) : null}
      {readable ? (
        <Suspense fallback={<VersionBoardSkeleton />}>
          <Board tenantId={tenant.id} actorId={user.id} />
        </Suspense>
      ) : null}
      <TenantTabs tabs={tabs} label={t("tabsLabel")} />
      {children}
    </>
  );
}

async function Board({ tenantId, actorId }: { tenantId: string; actorId: string }) {
  return <VersionBoard board={await versionBoard(tenantId, actorId)} tenantId={tenantId} />;
}
