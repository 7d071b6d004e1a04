import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { CommitPanel } from "@/components/commit/commit-panel";
import { TrialQrSection } from "@/components/tenant/trial-qr-section";
import { refusalText } from "@/components/tenant/version-board";
import { hasRole } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { commitPageData } from "@/lib/console/commits";
import { getTenantRow } from "@/lib/console/tenants/queries";
import { trialPages } from "@/lib/console/trial-qr";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("commit"))("title") };
}

/** The Code tab: commit a template with this tenant's ext_json, then the trial QR code of what was committed. */
export default async function CodePage({ params }: { params: Promise<{ tenantId: string }> }) {
  const user = await requireUser("viewer");
  const { tenantId } = await params;
  if (!z.uuid().safeParse(tenantId).success) notFound();
  const tenant = await getTenantRow(tenantId);
  if (!tenant) notFound();
  // The layout says why (banner) when the tenant cannot be called.
  if (tenant.status !== "authorized" || !tenant.codeManagement) return null;
  const [data, pages, locale] = await Promise.all([commitPageData(tenantId), trialPages(tenant.id, user.id), getLocale()]);
  if (!data) notFound();

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
      />
      <TrialQrSection tenantId={tenant.id} appid={tenant.appid} pages={pages.ok ? pages.value : []} pagesError={pages.ok ? null : refusalText(pages.refusal, locale)} />
    </div>
  );
}
