import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ListChecks } from "lucide-react";
import { z } from "zod";
import { PageHeader, EmptyState } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requireUser } from "@/lib/auth/session";
import { listOperations } from "@/lib/history/queries";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("history"))("title") };
}

const params = z.object({ before: z.coerce.number().int().positive().optional().catch(undefined) });

export default async function HistoryPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  await requireUser("viewer");
  const { before } = params.parse(await searchParams);
  const [t, format] = [await getTranslations("history"), await getFormatter()];
  const { rows, nextBefore } = await listOperations({ before });
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {rows.length === 0 ? (
        <EmptyState icon={<ListChecks />} title={t("emptyTitle")} description={t("emptyDescription")} />
      ) : (
        <Card>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t("time")}</TableHead>
                <TableHead>{t("actor")}</TableHead>
                <TableHead>{t("tenant")}</TableHead>
                <TableHead>{t("action")}</TableHead>
                <TableHead>{t("result")}</TableHead>
                <TableHead className="text-right">{t("duration")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((row) => (
                <TableRow key={row.id}>
                  <TableCell className="whitespace-nowrap text-muted-foreground">
                    {format.dateTime(row.at, { dateStyle: "medium", timeStyle: "medium" })}
                  </TableCell>
                  <TableCell>{row.actorEmail ?? t("system")}</TableCell>
                  <TableCell>{row.tenantName || row.tenantAppid || "—"}</TableCell>
                  <TableCell className="font-mono text-xs">{row.action}</TableCell>
                  <TableCell>
                    {row.ok ? (
                      <Badge>{t("ok")}</Badge>
                    ) : (
                      <Badge variant="destructive">{row.errcode != null ? t("failedWith", { errcode: row.errcode }) : t("failed")}</Badge>
                    )}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{t("ms", { ms: row.durationMs })}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      )}
      {nextBefore || before ? (
        <div className="mt-4 flex gap-2">
          {before ? (
            <Button asChild variant="outline" size="sm">
              <Link href="/history">{t("newest")}</Link>
            </Button>
          ) : null}
          {nextBefore ? (
            <Button asChild variant="outline" size="sm">
              <Link href={`/history?before=${nextBefore}`}>{t("older")}</Link>
            </Button>
          ) : null}
        </div>
      ) : null}
    </>
  );
}
