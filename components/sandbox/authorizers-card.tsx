"use client";

import { useTranslations } from "next-intl";
import type { SnapshotAuthorizer } from "@/lib/sandbox/control-state";
import { auditStatusName, GRAY_STATUS, grayStatusName, type AuditStatusName } from "@/lib/sandbox/types";
import { Badge } from "@/components/ui/badge";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { AuthorizerActions } from "./authorizer-actions";

const AUDIT_BADGE = {
  approved: "default",
  rejected: "destructive",
  auditing: "warning",
  withdrawn: "secondary",
  delayed: "warning",
} as const satisfies Record<AuditStatusName, string>;

export function AuthorizersCard({
  authorizers,
  total,
  filter,
  onFilter,
  loading,
}: {
  authorizers: SnapshotAuthorizer[];
  total: number;
  filter: string;
  onFilter: (value: string) => void;
  loading: boolean;
}) {
  const t = useTranslations("sandbox.authorizers");
  const ta = useTranslations("sandbox.auditStatus");
  const tg = useTranslations("sandbox.grayStatus");
  const none = <span className="text-muted-foreground">{t("none")}</span>;
  // A number the emulator does not name yet shows as itself rather than as a missing message.
  const auditLabel = (status: number) => {
    const name = auditStatusName(status);
    return name ? ta(name) : String(status);
  };
  const grayLabel = (status: number) => {
    const name = grayStatusName(status);
    return name ? tg(name) : String(status);
  };
  return (
    <Card>
      <CardHeader className="flex-row flex-wrap items-end justify-between gap-3">
        <div className="grid gap-1">
          <CardTitle>{t("title")}</CardTitle>
          <CardDescription>{t("description")}</CardDescription>
        </div>
        <div className="grid w-full gap-1.5 sm:w-72">
          <Label htmlFor="authorizer-filter">{t("filter")}</Label>
          <Input id="authorizer-filter" type="search" value={filter} onChange={(e) => onFilter(e.target.value)} autoComplete="off" />
        </div>
      </CardHeader>
      <p className="px-5 pb-2 text-xs text-muted-foreground" aria-live="polite">
        {t("shown", { shown: authorizers.length, total })}
      </p>
      {authorizers.length === 0 ? (
        <p className="px-5 pb-5 text-sm text-muted-foreground">{filter.trim() ? t("noMatch") : t("empty")}</p>
      ) : (
        <Table aria-label={t("title")} aria-busy={loading} className={loading ? "opacity-60" : undefined}>
          <TableHeader>
            <TableRow>
              <TableHead>{t("name")}</TableHead>
              <TableHead>{t("authorization")}</TableHead>
              <TableHead>{t("trial")}</TableHead>
              <TableHead>{t("audit")}</TableHead>
              <TableHead>{t("release")}</TableHead>
              <TableHead>{t("gray")}</TableHead>
              <TableHead>{t("visit")}</TableHead>
              <TableHead className="text-right">
                <span className="sr-only">{t("actions")}</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {authorizers.map((a) => (
              <TableRow key={a.appid} data-testid={`authorizer-${a.appid}`}>
                <TableCell>
                  <div className="font-medium">{a.nickname}</div>
                  <div className="font-mono text-xs text-muted-foreground">{a.appid}</div>
                </TableCell>
                <TableCell>{a.authorized ? <Badge>{t("authorized")}</Badge> : <Badge variant="secondary">{t("unauthorized")}</Badge>}</TableCell>
                <TableCell className="font-mono text-xs">{a.trial ? a.trial.user_version : none}</TableCell>
                <TableCell>
                  {a.audit ? (
                    <div className="grid gap-0.5">
                      <Badge variant={AUDIT_BADGE[auditStatusName(a.audit.status) ?? "withdrawn"]} className="w-fit">
                        {auditLabel(a.audit.status)}
                      </Badge>
                      <span className="font-mono text-xs text-muted-foreground">
                        #{a.audit.auditid} · {a.audit.user_version}
                      </span>
                    </div>
                  ) : (
                    none
                  )}
                </TableCell>
                <TableCell className="font-mono text-xs">{a.release ? a.release.user_version : none}</TableCell>
                <TableCell className="text-xs">
                  {a.gray && a.gray.status !== GRAY_STATUS.deleted ? t("grayValue", { percent: a.gray.gray_percentage, status: grayLabel(a.gray.status) }) : none}
                </TableCell>
                <TableCell className="text-xs">{a.visit_status === 1 ? t("visitOpen") : t("visitClosed")}</TableCell>
                <TableCell className="text-right">
                  <AuthorizerActions authorizer={a} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Card>
  );
}
