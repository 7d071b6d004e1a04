import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { AuditBuilder } from "@/components/audit/audit-builder";
import { AuditCard } from "@/components/audit/audit-card";
import { TextSubmission } from "@/components/audit/text-submission";
import { UploadStatusCard } from "@/components/commit/upload-status";
import { FormAlert } from "@/components/ui/form-alert";
import { requireUser } from "@/lib/auth/session";
import { hasRole } from "@/lib/auth/roles";
import { auditPageData, type Read } from "@/lib/console/audit-page";
import { ExpectedError } from "@/lib/errors";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("audit"))("title") };
}

/**
 * The audit tab of one mini-program: the live audit card, then the builder with its privacy gate — or, where the
 * platform's submission is a text (Baidu), the upload's status and the content + remark form.
 */
export default async function AuditPage({ params }: { params: Promise<{ tenantId: string }> }) {
  const user = await requireUser("viewer");
  const { tenantId } = await params;
  if (!z.uuid().safeParse(tenantId).success) notFound();
  const [t, locale] = [await getTranslations(), await getLocale()];
  const refusal = (read: Read<unknown>) =>
    read.ok ? null : read.code === null ? read.message[locale === "en" ? "en" : "zh-CN"] : `${read.code} — ${read.message[locale === "en" ? "en" : "zh-CN"]}`;

  let data;
  try {
    data = await auditPageData(tenantId, { actorId: user.id });
  } catch (error) {
    if (error instanceof ExpectedError) return <FormAlert>{t(error.messageKey as never, error.values as never)}</FormAlert>;
    throw error;
  }
  const canOperate = hasRole(user.role, "operator");
  const pagesRefusal = refusal(data.pages);
  const categoriesRefusal = refusal(data.categories);

  const { features } = data;
  if (!features.itemList) {
    // A text submission (Baidu): content + remark; the upload it waits for is shown above it.
    return (
      <div className="grid gap-4">
        <AuditCard tenantId={data.tenant.id} canOperate={canOperate} speedup={features.speedup} undoLimits={features.undoLimits} />
        {features.waitsForUpload ? <UploadStatusCard tenantId={data.tenant.id} /> : null}
        <TextSubmission tenantId={data.tenant.id} canOperate={canOperate} />
      </div>
    );
  }

  return (
    <div className="grid gap-4">
      <AuditCard tenantId={data.tenant.id} canOperate={canOperate} speedup={features.speedup} undoLimits={features.undoLimits} />
      {categoriesRefusal ? <FormAlert>{t("audit.loadCategoriesFailed", { error: categoriesRefusal })}</FormAlert> : null}
      {pagesRefusal ? <FormAlert>{t("audit.loadPagesFailed", { error: pagesRefusal })}</FormAlert> : null}
      <AuditBuilder
        tenantId={data.tenant.id}
        categories={data.categories.ok ? data.categories.value : []}
        pages={data.pages.ok ? data.pages.value : null}
        profiles={data.profiles.map((p) => ({ id: p.id, name: p.name, draft: p.draft }))}
        defaultProfileId={data.defaultProfileId}
        canOperate={canOperate}
      />
    </div>
  );
}
