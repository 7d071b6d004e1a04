import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { HistoryView } from "@/components/history/history-view";
import { requireUser } from "@/lib/auth/session";
import { getTenantRow } from "@/lib/console/tenants/queries";
import { parseHistoryFilter } from "@/lib/history/filter";

const cursor = z.coerce.number().int().positive().optional().catch(undefined);

/** The history view, narrowed to this tenant whatever the URL says. */
export default async function TenantHistoryPage({ params: route, searchParams }: { params: Promise<{ tenantId: string }>; searchParams: Promise<Record<string, string>> }) {
  await requireUser("viewer");
  const { tenantId } = await route;
  const tenant = await getTenantRow(tenantId);
  if (!tenant) notFound();
  const search = await searchParams;
  const t = await getTranslations("tenant.history");
  return (
    <section aria-labelledby="tenant-history-title" className="grid grid-cols-1 gap-3">
      <div>
        <h2 id="tenant-history-title" className="text-base font-semibold">
          {t("title")}
        </h2>
        <p className="text-sm text-muted-foreground">{t("description")}</p>
      </div>
      <HistoryView base={`/tenants/${tenant.id}/history`} filter={{ ...parseHistoryFilter(search), tenantId: tenant.id }} after={cursor.parse(search.after)} tenantFixed />
    </section>
  );
}
