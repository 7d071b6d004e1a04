import { notFound } from "next/navigation";
import { getLocale } from "next-intl/server";
import { TrialQrSection } from "@/components/tenant/trial-qr-section";
import { refusalText } from "@/components/tenant/version-board";
import { requireUser } from "@/lib/auth/session";
import { getTenantRow } from "@/lib/console/tenants/queries";
import { trialPages } from "@/lib/console/trial-qr";

/** The code tab: commit (template + ext_json) and the trial QR code. */
export default async function TenantCodePage({ params }: { params: Promise<{ tenantId: string }> }) {
  const user = await requireUser("viewer");
  const { tenantId } = await params;
  const tenant = await getTenantRow(tenantId);
  if (!tenant) notFound();
  // The layout says why (banner) when the tenant cannot be called.
  if (tenant.status !== "authorized" || !tenant.codeManagement) return null;
  const [pages, locale] = [await trialPages(tenant.id, user.id), await getLocale()];
  return (
    <div className="grid gap-6">
      {/* commit section: helper B */}
      <TrialQrSection tenantId={tenant.id} appid={tenant.appid} pages={pages.ok ? pages.value : []} pagesError={pages.ok ? null : refusalText(pages.refusal, locale)} />
    </div>
  );
}
