import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { VariablesEditor } from "@/components/tenant/variables-editor";
import { hasRole } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { getTenantRow } from "@/lib/console/tenants/queries";
import { tenantVariables } from "@/lib/console/tenant-variables";

export async function generateMetadata({ params }: { params: Promise<{ tenantId: string }> }): Promise<Metadata> {
  const tenant = await getTenantRow((await params).tenantId).catch(() => null);
  return { title: tenant ? tenant.nickname || tenant.appid : (await getTranslations("tenant"))("notFoundTitle") };
}

/** The tenant's overview tab: who it is, and its custom ext_json variables. */
export default async function TenantOverviewPage({ params }: { params: Promise<{ tenantId: string }> }) {
  const user = await requireUser("viewer");
  const { tenantId } = await params;
  const tenant = await getTenantRow(tenantId);
  if (!tenant) notFound();
  const [t, tv, ts, format, variables] = [
    await getTranslations("tenant"),
    await getTranslations("tenant.variables"),
    await getTranslations("tenants"),
    await getFormatter(),
    await tenantVariables(tenant.id),
  ];
  const canEdit = hasRole(user.role, "operator") && tenant.status === "authorized";
  const facts: [string, string][] = [
    [t("overview.appid"), tenant.appid],
    [t("overview.principal"), tenant.principalName || "—"],
    [t("overview.status"), ts(`status.${tenant.status}`)],
    [t("overview.authorizedAt"), format.dateTime(tenant.authorizedAt ?? tenant.createdAt, { dateStyle: "medium", timeStyle: "short" })],
  ];
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_2fr]">
      <Card>
        <CardHeader>
          <CardTitle>{t("overview.title")}</CardTitle>
        </CardHeader>
        <CardContent>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
            {facts.map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="text-muted-foreground">{label}</dt>
                <dd className="break-all">{value}</dd>
              </div>
            ))}
          </dl>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{tv("title")}</CardTitle>
          <CardDescription>{tv("description", { example: "{{name}}" })}</CardDescription>
        </CardHeader>
        <CardContent>
          <VariablesEditor tenantId={tenant.id} initial={variables} canEdit={canEdit} readOnlyReason={t("readOnly")} />
        </CardContent>
      </Card>
    </div>
  );
}
