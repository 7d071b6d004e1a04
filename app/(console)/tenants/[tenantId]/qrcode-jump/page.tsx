import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Download } from "lucide-react";
import { QrJumpRuleForm } from "@/components/qrcode-jump/rule-form";
import { QrJumpRulesTable } from "@/components/qrcode-jump/rules-table";
import { refusalText } from "@/components/tenant/version-board";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { hasRole } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { qrJumpAvailable, qrJumpPageData } from "@/lib/console/qrcode-jump";
import { getTenantRow } from "@/lib/console/tenants/queries";

/** The QR-jump tab: the rules, whether the feature is on, the publishes left, the verification file, add/edit. */
export default async function TenantQrJumpPage({ params }: { params: Promise<{ tenantId: string }> }) {
  const user = await requireUser("viewer");
  const { tenantId } = await params;
  const tenant = await getTenantRow(tenantId);
  if (!tenant || !qrJumpAvailable(tenant.platform)) notFound();
  // The layout says why (banner) when the tenant cannot be read.
  if (tenant.status !== "authorized") return null;
  const [t, tt, locale] = [await getTranslations("qrJump"), await getTranslations("tenant"), await getLocale()];
  const { board, pages, hasLiveVersion } = await qrJumpPageData(tenant.id, { actorId: user.id });
  const acting = { tenantId: tenant.id, canOperate: hasRole(user.role, "operator"), readOnlyReason: tt("readOnly") };
  const pageList = pages.ok ? pages.value : null;

  return (
    <div className="grid gap-6">
      <Card>
        <CardHeader>
          <CardTitle>{t("title")}</CardTitle>
          <CardDescription>{t("intro")}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-3 text-sm">
          {board.ok ? (
            <>
              <p className="flex flex-wrap gap-x-6 gap-y-1">
                <span data-testid="qr-open">{t(board.value.open ? "open" : "closed")}</span>
                <span data-testid="qr-publishes-left">{t("publishesLeft", { count: board.value.publishesLeft })}</span>
              </p>
              {hasLiveVersion === false ? <p className="text-amber-700 dark:text-amber-400">{t("noLiveVersion")}</p> : null}
              <QrJumpRulesTable acting={acting} rules={board.value.rules} pages={pageList} publishesLeft={board.value.publishesLeft} />
            </>
          ) : (
            <p className="text-destructive">{t("unavailable", { error: refusalText(board.refusal, locale) })}</p>
          )}
        </CardContent>
      </Card>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>{t("form.addTitle")}</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-3">
            {!pages.ok ? <p className="text-sm text-muted-foreground">{t("pagesUnavailable", { error: refusalText(pages.refusal, locale) })}</p> : null}
            {acting.canOperate ? <QrJumpRuleForm tenantId={tenant.id} pages={pageList} /> : <p className="text-sm text-muted-foreground">{acting.readOnlyReason}</p>}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t("file.title")}</CardTitle>
            <CardDescription>{t("file.where")}</CardDescription>
          </CardHeader>
          <CardContent>
            {/* A plain link: the route answers with Content-Disposition, so the browser saves the file. */}
            <a
              href={`/tenants/${tenant.id}/qrcode-jump/file`}
              download
              className="inline-flex h-9 items-center gap-2 rounded-md border border-border bg-card px-4 text-sm font-medium hover:bg-muted"
            >
              <Download className="size-4" aria-hidden />
              {t("file.download")}
            </a>
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
