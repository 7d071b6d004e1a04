import Link from "next/link";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { TenantStatusBadge } from "@/components/tenants/tenant-badges";
import type { FleetRow, FleetVersion } from "@/lib/console/fleet-queries";
import type { AuditState } from "@/lib/vocab";

// Waiting stands out less than a rejection, which needs the operator (as on the tenant list).
const AUDIT_BADGE = {
  none: "secondary",
  approved: "default",
  rejected: "destructive",
  auditing: "warning",
  withdrawn: "secondary",
  delayed: "warning",
} as const satisfies Record<AuditState, string>;

type T = Awaited<ReturnType<typeof getTranslations<"fleet">>>;

/** A version and, below it, its template: "template 31 (1.2.0)" with the library's description as its title. */
function Version({ version, t }: { version: FleetVersion | null; t: T }) {
  if (!version) return <span className="text-muted-foreground">{t("version.none")}</span>;
  const tpl = version.template;
  return (
    <div className="grid gap-0.5">
      <span className="font-mono text-sm">{version.userVersion}</span>
      <span className="text-xs text-muted-foreground" title={tpl?.userDesc ?? undefined}>
        {tpl
          ? tpl.userVersion
            ? t("version.templateWithVersion", { id: tpl.templateId, version: tpl.userVersion })
            : t("version.template", { id: tpl.templateId })
          : t("version.unknownTemplate")}
      </span>
    </div>
  );
}

/**
 * One page of the fleet, server-rendered: per mini-program its trial, review, live and gray versions with their
 * templates, and when they were last read. A plain table with column headers and a caption, so screen readers
 * announce each cell with its column.
 */
export async function FleetTable({ rows, showStatus }: { rows: FleetRow[]; showStatus: boolean }) {
  const t = await getTranslations("fleet");
  const when = new Intl.DateTimeFormat(await getLocale(), { dateStyle: "medium", timeStyle: "short", timeZone: await getTimeZone() });
  return (
    <Card>
      <Table aria-label={t("tableLabel")} data-testid="fleet-table">
        <caption className="sr-only">{t("tableLabel")}</caption>
        <TableHeader>
          <TableRow>
            <TableHead scope="col">{t("columns.name")}</TableHead>
            <TableHead scope="col">{t("columns.trial")}</TableHead>
            <TableHead scope="col">{t("columns.audit")}</TableHead>
            <TableHead scope="col">{t("columns.live")}</TableHead>
            <TableHead scope="col">{t("columns.gray")}</TableHead>
            <TableHead scope="col">{t("columns.readAt")}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.id} data-testid={`fleet-${row.appid}`}>
              <TableHead scope="row" className="h-auto py-2.5 text-sm font-normal normal-case tracking-normal text-foreground">
                <Link href={`/tenants/${row.id}`} className="font-medium hover:underline underline-offset-4">
                  {row.nickname || t("unnamed")}
                </Link>
                <div className="font-mono text-xs text-muted-foreground">{row.appid}</div>
                {showStatus && row.status !== "authorized" ? (
                  <div className="mt-1">
                    <TenantStatusBadge status={row.status} label={t(`status.${row.status}`)} />
                  </div>
                ) : null}
              </TableHead>
              <TableCell>
                <Version version={row.trial} t={t} />
              </TableCell>
              <TableCell>
                {row.audit ? (
                  <div className="grid gap-1">
                    <Badge variant={AUDIT_BADGE[row.audit.state]} className="w-fit">
                      {t(`audit.${row.audit.state}`)}
                    </Badge>
                    {row.audit.version ? <Version version={row.audit.version} t={t} /> : null}
                  </div>
                ) : (
                  <span className="text-muted-foreground">{t("version.none")}</span>
                )}
              </TableCell>
              <TableCell>
                <Version version={row.live} t={t} />
                {row.visible === false ? (
                  <Badge variant="warning" className="mt-1">
                    {t("version.closed")}
                  </Badge>
                ) : null}
              </TableCell>
              <TableCell>
                {row.gray ? (
                  <div className="grid gap-1">
                    <Badge variant="warning" className="w-fit">
                      {t("version.grayShare", { percentage: row.gray.percentage })}
                    </Badge>
                    <Version version={row.gray.version} t={t} />
                  </div>
                ) : (
                  <span className="text-muted-foreground">{t("version.none")}</span>
                )}
              </TableCell>
              <TableCell className="whitespace-nowrap text-muted-foreground">
                {row.readAt ? <time dateTime={row.readAt.toISOString()}>{when.format(row.readAt)}</time> : t("version.never")}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Card>
  );
}
