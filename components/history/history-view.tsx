import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { ListChecks } from "lucide-react";
import { EmptyState } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { historyErrorMeaning } from "@/lib/console/history";
import { historySearch, type HistoryFilter } from "@/lib/history/filter";
import { historyOperators, listOperations, operationDetails, type HistoryRow } from "@/lib/history/queries";
import { HistoryFilters } from "./history-filters";

const json = (value: unknown) => (value == null ? null : JSON.stringify(value, null, 2));

/**
 * The operations history: filters, one keyset page and its rows' redacted request and answer. The history page shows
 * it over everything; a tenant's History tab shows it with `tenantId` fixed to that tenant (`base` is the tab).
 */
export async function HistoryView({ base, filter, after, tenantFixed = false }: { base: string; filter: HistoryFilter; after?: number; tenantFixed?: boolean }) {
  const [t, th, format, locale] = [await getTranslations("historyView"), await getTranslations("history"), await getFormatter(), await getLocale()];
  const [{ rows, next }, operators] = await Promise.all([listOperations(filter, { after }), historyOperators()]);
  const details = await operationDetails(rows.map((r) => r.id));
  const tenantName = filter.tenantId ? (rows.find((r) => r.tenantId === filter.tenantId)?.tenantName ?? filter.tenantId) : undefined;
  const actionWords = (action: string) => (t.has(`actions.${action}`) ? t(`actions.${action}`) : null);
  const result = (row: HistoryRow) => {
    if (row.ok) return <Badge>{th("ok")}</Badge>;
    if (row.errcode == null) return <Badge variant="destructive">{th("failed")}</Badge>;
    const meaning = historyErrorMeaning(row.errcode, locale === "en" ? "en" : "zh-CN");
    // A short badge, the meaning beside it in words: a sentence does not fit in a pill.
    return (
      <div className="grid max-w-64 justify-items-start gap-1">
        <Badge variant="destructive">{th("failedWith", { errcode: row.errcode })}</Badge>
        <span className="text-xs text-muted-foreground">{t("failedWithMeaning", { errcode: row.errcode, meaning })}</span>
      </div>
    );
  };
  return (
    // grid-cols-1 is minmax(0, 1fr): a wide table scrolls inside its card instead of widening the page.
    <div className="grid grid-cols-1 gap-3">
      <HistoryFilters base={base} filter={filter} operators={operators} tenant={tenantName} tenantFixed={tenantFixed} />
      {rows.length === 0 ? (
        <EmptyState icon={<ListChecks />} title={t("noMatchTitle")} description={t("noMatchDescription")} />
      ) : (
        <Card>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{th("time")}</TableHead>
                <TableHead>{th("actor")}</TableHead>
                {tenantFixed ? null : <TableHead>{th("tenant")}</TableHead>}
                <TableHead>{th("action")}</TableHead>
                <TableHead>{th("result")}</TableHead>
                <TableHead className="text-right">{th("duration")}</TableHead>
                <TableHead>{t("bulkJob")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((row) => {
                const detail = details.get(row.id);
                const words = actionWords(row.action);
                return (
                  <TableRow key={row.id} data-operation-id={row.id} className="align-top">
                    <TableCell className="whitespace-nowrap text-muted-foreground">{format.dateTime(row.at, { dateStyle: "medium", timeStyle: "medium" })}</TableCell>
                    <TableCell>{row.actorEmail ?? th("system")}</TableCell>
                    {tenantFixed ? null : (
                      <TableCell>
                        {row.tenantId ? (
                          <Link className="underline-offset-2 hover:underline" title={t("filterByTenant")} href={`/history${historySearch({ ...filter, tenantId: row.tenantId })}`}>
                            {row.tenantName || row.tenantAppid}
                          </Link>
                        ) : (
                          "—"
                        )}
                      </TableCell>
                    )}
                    <TableCell>
                      <div>{words ?? <span className="font-mono text-xs">{row.action}</span>}</div>
                      {words ? <div className="font-mono text-xs text-muted-foreground">{row.action}</div> : null}
                      <details className="mt-1 text-xs">
                        <summary className="cursor-pointer text-muted-foreground">{t("details")}</summary>
                        <p className="mt-1 font-medium">{t("request")}</p>
                        <pre className="max-h-64 max-w-xl overflow-auto rounded bg-muted p-2">{json(detail?.request) ?? t("nothing")}</pre>
                        <p className="mt-1 font-medium">{t("response")}</p>
                        <pre className="max-h-64 max-w-xl overflow-auto rounded bg-muted p-2">{json(detail?.response) ?? t("nothing")}</pre>
                      </details>
                    </TableCell>
                    <TableCell>{result(row)}</TableCell>
                    <TableCell className="text-right tabular-nums">{th("ms", { ms: row.durationMs })}</TableCell>
                    <TableCell className="font-mono text-xs">{row.bulkJobId ? t("bulkJobId", { id: row.bulkJobId.slice(0, 8) }) : "—"}</TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </Card>
      )}
      {next || after ? (
        <div className="flex gap-2">
          {after ? (
            <Button asChild variant="outline" size="sm">
              <Link href={`${base}${historySearch(tenantFixed ? { ...filter, tenantId: undefined } : filter)}`}>{th("newest")}</Link>
            </Button>
          ) : null}
          {next ? (
            <Button asChild variant="outline" size="sm">
              <Link href={`${base}${historySearch(tenantFixed ? { ...filter, tenantId: undefined } : filter, { after: String(next) })}`}>{th("older")}</Link>
            </Button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
