import Link from "next/link";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { TenantRow } from "@/lib/console/tenants/queries";
import { isUnderReview } from "@/lib/vocab";
import { AuditBadge, TenantStatusBadge } from "./tenant-badges";
import { CheckAuditButton } from "./check-audit-button";
import { TenantAvatar } from "./tenant-avatar";

/**
 * One page of tenants, server-rendered. `sandboxAccountIds`: accounts pointing at the WeChat emulator, marked in the
 * account column. `canOperate`: the operator may act on tenants (an audit under review can be checked at once).
 */
export async function TenantTable({
  rows,
  showAccount,
  sandboxAccountIds,
  canOperate,
}: {
  rows: TenantRow[];
  showAccount: boolean;
  sandboxAccountIds: ReadonlySet<string>;
  canOperate: boolean;
}) {
  const t = await getTranslations("tenants");
  // One formatter for the page: building an Intl.DateTimeFormat per row costs more than the page's queries.
  const date = new Intl.DateTimeFormat(await getLocale(), { dateStyle: "medium", timeZone: await getTimeZone() });
  const checkable = (row: TenantRow) =>
    canOperate && row.status === "authorized" && !!row.latestAudit && isUnderReview(row.latestAudit.state);
  return (
    <Card>
      <Table aria-label={t("tableLabel")}>
        <TableHeader>
          <TableRow>
            <TableHead>{t("columns.name")}</TableHead>
            <TableHead>{t("columns.principal")}</TableHead>
            <TableHead>{t("columns.status")}</TableHead>
            <TableHead>{t("columns.audit")}</TableHead>
            <TableHead>{t("columns.tags")}</TableHead>
            {showAccount ? <TableHead>{t("columns.account")}</TableHead> : null}
            <TableHead>{t("columns.authorizedAt")}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.id} data-testid={`tenant-${row.appid}`}>
              <TableCell>
                <div className="flex items-center gap-2.5">
                  <TenantAvatar src={row.avatarUrl} name={row.nickname || row.appid} />
                  <div className="min-w-0">
                    <Link href={`/tenants/${row.id}`} className="font-medium hover:underline underline-offset-4">
                      {row.nickname || t("unnamed")}
                    </Link>
                    <div className="font-mono text-xs text-muted-foreground">{row.appid}</div>
                  </div>
                </div>
              </TableCell>
              <TableCell className="max-w-56 truncate text-muted-foreground" title={row.principalName}>
                {row.principalName || "—"}
              </TableCell>
              <TableCell>
                <div className="flex flex-wrap gap-1">
                  <TenantStatusBadge status={row.status} label={t(`status.${row.status}`)} />
                  {row.status === "authorized" && !row.codeManagement ? (
                    <Badge variant="warning" title={t("noCodeManagementHint")}>
                      {t("noCodeManagement")}
                    </Badge>
                  ) : null}
                </div>
              </TableCell>
              <TableCell>
                <div className="grid gap-1">
                  <AuditBadge audit={row.latestAudit} label={row.latestAudit ? t(`audit.${row.latestAudit.state}`) : ""} none={t("audit.none")} />
                  {checkable(row) ? <CheckAuditButton tenantId={row.id} name={row.nickname || row.appid} /> : null}
                </div>
              </TableCell>
              <TableCell>
                <div className="flex flex-wrap gap-1">
                  {row.tags.map((tag) => (
                    <Badge key={tag} variant="secondary">
                      {tag}
                    </Badge>
                  ))}
                </div>
              </TableCell>
              {showAccount ? (
                <TableCell className="text-muted-foreground">
                  <div className="flex flex-wrap items-center gap-1.5">
                    {row.accountName}
                    {sandboxAccountIds.has(row.accountId) ? (
                      <Badge variant="secondary" title={t("sandboxHint")}>
                        {t("sandbox")}
                      </Badge>
                    ) : null}
                  </div>
                </TableCell>
              ) : null}
              <TableCell className="whitespace-nowrap text-muted-foreground">
                {date.format(row.authorizedAt ?? row.createdAt)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Card>
  );
}
