"use client";

import { useTranslations } from "next-intl";
import { resetCountersAction } from "@/app/(console)/sandbox/actions";
import type { SandboxSnapshot } from "@/lib/sandbox/control-state";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useSandboxAction } from "@/lib/hooks/use-sandbox";

export function CountersCard({ counters }: { counters: SandboxSnapshot["counters"] }) {
  const t = useTranslations("sandbox.counters");
  const { run, pending } = useSandboxAction();
  const rows = Object.entries(counters).sort(([a], [b]) => a.localeCompare(b));
  return (
    <Card className="h-fit">
      <CardHeader className="flex-row flex-wrap items-start justify-between gap-3">
        <div className="grid gap-1">
          <CardTitle>{t("title")}</CardTitle>
          <CardDescription>{t("description")}</CardDescription>
        </div>
        <Button variant="outline" size="sm" disabled={pending || rows.length === 0} onClick={() => run(() => resetCountersAction({}), { success: () => t("resetDone") })}>
          {t("reset")}
        </Button>
      </CardHeader>
      {rows.length === 0 ? (
        <CardContent>
          <p className="text-sm text-muted-foreground">{t("empty")}</p>
        </CardContent>
      ) : (
        <Table aria-label={t("title")} data-testid="sandbox-counters">
          <TableHeader>
            <TableRow>
              <TableHead>{t("endpoint")}</TableHead>
              <TableHead className="text-right">{t("calls")}</TableHead>
              <TableHead>{t("errors")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map(([path, entry]) => {
              const errors = Object.entries(entry.by_errcode).filter(([code]) => code !== "0");
              return (
                <TableRow key={path}>
                  <TableCell className="break-all font-mono text-xs">{path}</TableCell>
                  <TableCell className="text-right tabular-nums">{entry.total.toLocaleString()}</TableCell>
                  <TableCell>
                    {errors.length === 0 ? (
                      <span className="text-muted-foreground">{t("noErrors")}</span>
                    ) : (
                      <div className="flex flex-wrap gap-1">
                        {errors.map(([errcode, count]) => (
                          <Badge key={errcode} variant="destructive" className="tabular-nums">
                            {t("errorCount", { errcode, count })}
                          </Badge>
                        ))}
                      </div>
                    )}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
    </Card>
  );
}
