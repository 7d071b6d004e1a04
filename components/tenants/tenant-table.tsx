"use client";

import Link from "next/link";
import { useMemo, useRef } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from "@tanstack/react-table";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { FleetTenantRow } from "@/lib/console/tenant-selection";
import { isUnderReview } from "@/lib/vocab";
import { AuditBadge, TenantStatusBadge } from "./tenant-badges";
import { CheckAuditButton } from "./check-audit-button";
import { Checkbox } from "./checkbox";
import { TenantAvatar } from "./tenant-avatar";
import { isSelected, setRows, type Selection } from "./selection";

/**
 * One page of tenants with a checkbox per row (TanStack Table's row selection, driven by the list's own selection:
 * picked ids, or "all matching" minus exceptions). The header box ticks the page; Shift-click ticks a range.
 * `sandboxAccountIds`: accounts pointing at the emulator, marked in the account column. `canOperate`: an audit under
 * review can be checked at once.
 */
export function TenantTable({
  rows,
  showAccount,
  sandboxAccountIds,
  canOperate,
  selection,
  onSelection,
}: {
  rows: FleetTenantRow[];
  showAccount: boolean;
  sandboxAccountIds: string[];
  canOperate: boolean;
  selection: Selection;
  onSelection: (update: (current: Selection) => Selection) => void;
}) {
  const t = useTranslations("tenants");
  const tj = useTranslations("jobs");
  const tb = useTranslations("baidu");
  const format = useFormatter();
  const lastClicked = useRef<number | null>(null);
  const rowSelection = useMemo(() => Object.fromEntries(rows.map((r) => [r.id, isSelected(selection, r.id)])), [rows, selection]);

  const columns = useMemo<ColumnDef<FleetTenantRow>[]>(() => {
    const sandbox = new Set(sandboxAccountIds);
    const checkable = (row: FleetTenantRow) => canOperate && row.status === "authorized" && !!row.latestAudit && isUnderReview(row.latestAudit.state);
    const list: ColumnDef<FleetTenantRow>[] = [
      {
        id: "select",
        header: ({ table }) => (
          <Checkbox
            aria-label={tj("selection.selectPage")}
            data-testid="select-page"
            checked={table.getIsAllPageRowsSelected()}
            indeterminate={table.getIsSomePageRowsSelected()}
            onChange={(e) => onSelection((s) => setRows(s, rows.map((r) => r.id), e.currentTarget.checked))}
          />
        ),
        cell: ({ row }) => (
          <Checkbox
            aria-label={tj("selection.select", { name: row.original.nickname || row.original.appid })}
            data-testid={`select-${row.original.appid}`}
            checked={row.getIsSelected()}
            onClick={(e) => {
              const value = e.currentTarget.checked;
              const from = lastClicked.current;
              const ids = e.shiftKey && from !== null ? rows.slice(Math.min(from, row.index), Math.max(from, row.index) + 1).map((r) => r.id) : [row.id];
              lastClicked.current = row.index;
              onSelection((s) => setRows(s, ids, value));
            }}
            onChange={() => undefined}
          />
        ),
      },
      {
        id: "name",
        header: t("columns.name"),
        cell: ({ row: { original: r } }) => (
          <div className="flex items-center gap-2.5">
            <TenantAvatar src={r.avatarUrl} name={r.nickname || r.appid} />
            <div className="min-w-0">
              <Link href={`/tenants/${r.id}`} className="font-medium underline-offset-4 hover:underline">
                {r.nickname || t("unnamed")}
              </Link>
              {r.platform === "baidu" ? (
                <Badge variant="secondary" className="ml-2" title={tb("badgeHint")} data-testid={`platform-${r.appid}`}>
                  {tb("badge")}
                </Badge>
              ) : null}
              <div className="font-mono text-xs text-muted-foreground">{r.appid}</div>
            </div>
          </div>
        ),
      },
      {
        id: "principal",
        header: t("columns.principal"),
        cell: ({ row: { original: r } }) => (
          <span className="block max-w-56 truncate text-muted-foreground" title={r.principalName}>
            {r.principalName || "—"}
          </span>
        ),
      },
      {
        id: "status",
        header: t("columns.status"),
        cell: ({ row: { original: r } }) => (
          <div className="flex flex-wrap gap-1">
            <TenantStatusBadge status={r.status} label={t(`status.${r.status}`)} />
            {r.status === "authorized" && !r.codeManagement ? (
              <Badge variant="warning" title={t("noCodeManagementHint")}>
                {t("noCodeManagement")}
              </Badge>
            ) : null}
          </div>
        ),
      },
      {
        id: "audit",
        header: t("columns.audit"),
        cell: ({ row: { original: r } }) => (
          <div className="grid gap-1">
            <AuditBadge audit={r.latestAudit} label={r.latestAudit ? t(`audit.${r.latestAudit.state}`) : ""} none={t("audit.none")} />
            {checkable(r) ? <CheckAuditButton tenantId={r.id} name={r.nickname || r.appid} /> : null}
          </div>
        ),
      },
      {
        id: "versions",
        header: tj("versions.column"),
        cell: ({ row: { original: r } }) => {
          const v = r.versions;
          const parts = [
            v.liveVersion ? tj("versions.live", { version: v.liveVersion }) : null,
            v.grayPercentage && v.grayPercentage < 100 ? tj("versions.gray", { percent: v.grayPercentage }) : null,
            v.trialVersion ? tj("versions.trial", { version: v.trialVersion }) : null,
          ].filter(Boolean);
          return parts.length ? (
            <div className="grid gap-0.5 whitespace-nowrap font-mono text-xs">{parts.map((p) => <span key={p}>{p}</span>)}</div>
          ) : (
            <span className="text-xs text-muted-foreground">{tj("versions.unknown")}</span>
          );
        },
      },
      {
        id: "tags",
        header: t("columns.tags"),
        cell: ({ row: { original: r } }) => (
          <div className="flex flex-wrap gap-1">
            {r.tags.map((tag) => (
              <Badge key={tag} variant="secondary">
                {tag}
              </Badge>
            ))}
          </div>
        ),
      },
    ];
    if (showAccount) {
      list.push({
        id: "account",
        header: t("columns.account"),
        cell: ({ row: { original: r } }) => (
          <div className="flex flex-wrap items-center gap-1.5 text-muted-foreground">
            {r.accountName}
            {sandbox.has(r.accountId) ? (
              <Badge variant="secondary" title={t("sandboxHint")}>
                {t("sandbox")}
              </Badge>
            ) : null}
          </div>
        ),
      });
    }
    list.push({
      id: "authorizedAt",
      header: t("columns.authorizedAt"),
      cell: ({ row: { original: r } }) => (
        <span className="whitespace-nowrap text-muted-foreground">{format.dateTime(new Date(r.authorizedAt ?? r.createdAt), { dateStyle: "medium" })}</span>
      ),
    });
    return list;
  }, [t, tj, tb, format, rows, showAccount, sandboxAccountIds, canOperate, onSelection]);

  // eslint-disable-next-line react-hooks/incompatible-library -- the table is rebuilt from props on every render, nothing memoized holds it
  const table = useReactTable({
    data: rows,
    columns,
    getRowId: (row) => row.id,
    getCoreRowModel: getCoreRowModel(),
    enableRowSelection: true,
    state: { rowSelection },
  });

  return (
    <Card>
      <Table aria-label={t("tableLabel")} aria-describedby="tenant-shift-hint">
        <TableHeader>
          {table.getHeaderGroups().map((group) => (
            <TableRow key={group.id}>
              {group.headers.map((header) => (
                <TableHead key={header.id} className={header.id === "select" ? "w-10" : undefined}>
                  {flexRender(header.column.columnDef.header, header.getContext())}
                </TableHead>
              ))}
            </TableRow>
          ))}
        </TableHeader>
        <TableBody>
          {table.getRowModel().rows.map((row) => (
            <TableRow key={row.id} data-testid={`tenant-${row.original.appid}`} data-state={row.getIsSelected() ? "selected" : undefined} className="data-[state=selected]:bg-accent/40">
              {row.getVisibleCells().map((cell) => (
                <TableCell key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <p id="tenant-shift-hint" className="sr-only">
        {tj("selection.shiftHint")}
      </p>
    </Card>
  );
}
