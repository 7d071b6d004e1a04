import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { HistoryView } from "@/components/history/history-view";
import { PageHeader } from "@/components/shell/page-header";
import { requireUser } from "@/lib/auth/session";
import { parseHistoryFilter } from "@/lib/history/filter";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("history"))("title") };
}

const cursor = z.coerce.number().int().positive().optional().catch(undefined);

export default async function HistoryPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  await requireUser("viewer");
  const search = await searchParams;
  const t = await getTranslations("history");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <HistoryView base="/history" filter={parseHistoryFilter(search)} after={cursor.parse(search.after)} />
    </>
  );
}
