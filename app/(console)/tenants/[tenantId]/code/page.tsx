import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { CommitPanel } from "@/components/commit/commit-panel";
import { TrialQrSection } from "@/components/tenant/trial-qr-section";
import { UploadStatusCard } from "@/components/commit/upload-status";
import { refusalText } from "@/components/tenant/version-board";
import { hasRole } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { commitPageData, freshTemplatesFor } from "@/lib/console/commits";
import { tenantCapabilities } from "@/lib/console/versions";
import { getTenantRow } from "@/lib/console/tenants/queries";
import { trialPages } from "@/lib/console/trial-qr";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("commit"))("title") };
}

/**
 * The Code tab: commit a template with this tenant's ext_json (checked by its platform's rules), then the trial QR
 * code of what was committed, or (Baidu, no trial QR) the upload's status while the platform takes it in.
 */
export default async function CodePage({ params }: { params: Promise<{ tenantId: string }> }) {
  const user = await requireUser("viewer");
  const { tenantId } = await params;
  if (!z.uuid().safeParse(tenantId).success) notFound();
  const tenant = await getTenantRow(tenantId);
  if (!tenant) notFound();
  // The layout says why (banner) when the tenant cannot be called.
  if (tenant.status !== "authorized" || !tenant.codeManagement) return null;
  const can = tenantCapabilities(tenant.platform);
  // A Baidu account's templates are synced when stale before the picker reads them (the templates page does it for
  // WeChat in the background).
  if (tenant.platform === "baidu") await freshTemplatesFor(tenant.id, { actorId: user.id });
  const [data, pages, locale] = await Promise.all([commitPageData(tenantId), can.trialQrcode ? trialPages(tenant.id, user.id) : null, getLocale()]);
  if (!data) notFound();
  // Without a privacy scan the platform's upload lands after the answer (Baidu): its status is shown, polled.
  const waitsForUpload = !can.privacyCheck;

  return (
    <div className="grid gap-6">
      <CommitPanel
        tenantId={data.tenant.id}
        canOperate={hasRole(user.role, "operator")}
        facts={data.facts}
        templates={data.templates.map((row) => ({
          id: row.templateId,
          userVersion: row.userVersion,
          userDesc: row.userDesc,
          kind: row.kind,
          pages: row.pages,
          source: row.sourceName ?? row.sourceAppid,
          createdAt: row.platformCreatedAt?.toISOString() ?? null,
        }))}
        presets={data.presets.map((p) => ({ id: p.id, name: p.name, extJson: p.extJson }))}
        last={data.last ? { extJson: data.last.extJson, userVersion: data.last.userVersion, templateId: data.last.templateId, at: data.last.at.toISOString() } : null}
        platform={tenant.platform}
        waitsForUpload={waitsForUpload}
      />
      {waitsForUpload ? <UploadStatusCard tenantId={tenant.id} /> : null}
      {pages ? (
        <TrialQrSection tenantId={tenant.id} appid={tenant.appid} pages={pages.ok ? pages.value : []} pagesError={pages.ok ? null : refusalText(pages.refusal, locale)} />
      ) : null}
    </div>
  );
}
