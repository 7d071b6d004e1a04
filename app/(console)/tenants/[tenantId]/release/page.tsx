import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { GrayCard, ReleaseCard, type Acting } from "@/components/tenant/release-actions";
import { BaseLibraryCard, RollbackCard, VisitCard } from "@/components/tenant/release-more";
import { refusalText } from "@/components/tenant/version-board";
import { hasRole } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { getTenantRow } from "@/lib/console/tenants/queries";
import { keptVersions, tenantCapabilities, versionBoard, type BoardPart } from "@/lib/console/versions";

/**
 * The release tab: release, gray roll-out, rollback, visit status, minimum base library — each card only where the
 * tenant's platform has it (Baidu: release and a rollback one version back).
 */
export default async function TenantReleasePage({ params }: { params: Promise<{ tenantId: string }> }) {
  const user = await requireUser("viewer");
  const { tenantId } = await params;
  const tenant = await getTenantRow(tenantId);
  if (!tenant) notFound();
  const [t, locale] = [await getTranslations("tenant"), await getLocale()];
  // The layout says why (banner) when the tenant cannot be read.
  if (tenant.status !== "authorized" || !tenant.codeManagement) return null;

  const [board, kept] = await Promise.all([versionBoard(tenant.id, user.id), keptVersions(tenant.id, user.id)]);
  const acting: Acting = { tenantId: tenant.id, canOperate: hasRole(user.role, "operator"), readOnlyReason: t("readOnly") };
  const can = tenantCapabilities(tenant.platform);
  function unavailable(title: string, part: BoardPart<unknown> | null): ReactNode {
    if (!part || part.ok) return null;
    return (
      <Card>
        <CardHeader>
          <CardTitle>{title}</CardTitle>
        </CardHeader>
        <CardContent className="text-sm text-destructive">{t("release.unavailable", { error: refusalText(part.refusal, locale) })}</CardContent>
      </Card>
    );
  }
  const live = board.versions.ok ? (board.versions.value.find((v) => v.kind === "live")?.userVersion ?? null) : null;

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      {board.audit.ok ? <ReleaseCard acting={acting} audit={board.audit.value} /> : unavailable(t("release.releaseTitle"), board.audit)}
      {!can.grayRelease ? null : board.gray?.ok ? (
        <GrayCard key={`${board.gray.value.state}-${board.gray.value.percentage}`} acting={acting} plan={board.gray.value} />
      ) : (
        unavailable(t("release.grayTitle"), board.gray)
      )}
      {kept.ok ? <RollbackCard acting={acting} versions={kept.value} liveVersion={live} previousOnly={tenant.platform === "baidu"} /> : unavailable(t("release.rollbackTitle"), kept)}
      {!can.visitStatus ? null : board.visible?.ok ? <VisitCard acting={acting} open={board.visible.value} /> : unavailable(t("release.visitTitle"), board.visible)}
      {!can.supportVersion ? null : board.baseLibrary?.ok ? (
        <BaseLibraryCard key={board.baseLibrary.value.minimum} acting={acting} library={board.baseLibrary.value} />
      ) : (
        unavailable(t("release.baseTitle"), board.baseLibrary)
      )}
    </div>
  );
}
