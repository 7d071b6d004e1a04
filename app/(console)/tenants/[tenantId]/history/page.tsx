import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { ListChecks } from "lucide-react";
import { z } from "zod";
import { EmptyState } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requireUser } from "@/lib/auth/session";
import { getTenantRow } from "@/lib/console/tenants/queries";
import { listOperations } from "@/lib/history/queries";

const params = z.object({ before: z.coerce.number().int().positive().optional().catch(undefined) });

/** The tenant's own operations, newest first (issue 10 rebuilds the history with filters; this is its simple form). */
export default async function TenantHistoryPage({ params: route, searchParams }: { params: Promise<{ tenantId: string }>; searchParams: Promise<Record<string, string>> }) {
  await requireUser("viewer");
  const { tenantId } = await route;
  const tenant = await getTenantRow(tenantId);
  if (!tenant) notFound();
  const { before } = params.parse(await searchParams);
  const [t, th, format] = [await getTranslations("tenant.history"), await getTranslations("history"), await getFormatter()];
  const { rows, nextBefore } = await listOperations({ before, tenantId: tenant.id });
  const base = `/tenants/${tenant.id}/history`;
  return (
    <section aria-labelledby="tenant-history-title" className="grid gap-3">
      <div>
        <h2 id="tenant-history-title" className="text-base font-semibold">
          {t("title")}
        </h2>
        <p className="text-sm text-muted-foreground">{t("description")}</p>
      </div>
      {rows.length === 0 ? (
        <EmptyState icon={<ListChecks />} title={t("empty")} />
      ) : (
        <Card>
          <Table aria-labelledby="tenant-history-title">
            <TableHeader>
              <TableRow>
                <TableHead>{th("time")}</TableHead>
                <TableHead>{th("actor")}</TableHead>
                <TableHead>{th("action")}</TableHead>
                <TableHead>{th("result")}</TableHead>
                <TableHead className="text-right">{th("duration")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((row) => (
                <TableRow key={row.id}>
                  <TableCell className="whitespace-nowrap text-muted-foreground">{format.dateTime(row.at, { dateStyle: "medium", timeStyle: "medium" })}</TableCell>
                  <TableCell>{row.actorEmail ?? th("system")}</TableCell>
                  <TableCell className="font-mono text-xs">{row.action}</TableCell>
                  <TableCell>
                    {row.ok ? (
                      <Badge>{th("ok")}</Badge>
                    ) : (
                      <Badge variant="destructive">{row.errcode != null ? th("failedWith", { errcode: row.errcode }) : th("failed")}</Badge>
                    )}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{th("ms", { ms: row.durationMs })}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      )}
      {nextBefore || before ? (
        <div className="flex gap-2">
          {before ? (
            <Button asChild variant="outline" size="sm">
              <Link href={base}>{t("newest")}</Link>
            </Button>
          ) : null}
          {nextBefore ? (
            <Button asChild variant="outline" size="sm">
              <Link href={`${base}?before=${nextBefore}`}>{t("older")}</Link>
            </Button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
