import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/shell/page-header";
import { CreateOperatorForm } from "@/components/operators/create-operator-form";
import { OperatorsTable } from "@/components/operators/operators-table";
import { requireUser } from "@/lib/auth/session";
import { listOperators } from "@/lib/console/operators";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("operators"))("title") };
}

export default async function OperatorsPage() {
  const me = await requireUser("admin");
  const t = await getTranslations("operators");
  const rows = await listOperators();
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        <OperatorsTable rows={rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }))} meId={me.id} />
        <CreateOperatorForm />
      </div>
    </>
  );
}
