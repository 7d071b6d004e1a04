import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { CommitPanel } from "@/components/commit/commit-panel";
import { hasRole } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { commitPageData } from "@/lib/console/commits";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("commit"))("title") };
}

/** The Code tab: commit a template (this part) and the trial QR code (below it). */
export default async function CodePage({ params }: { params: Promise<{ tenantId: string }> }) {
  const user = await requireUser("viewer");
  const { tenantId } = await params;
  if (!z.uuid().safeParse(tenantId).success) notFound();
  const data = await commitPageData(tenantId);
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
      {/* trial QR section: helper D */}
    </div>
  );
}
