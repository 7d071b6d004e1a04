"use client";

import { useFormatter, useTranslations } from "next-intl";
import { changeRoleAction, setDisabledAction } from "@/app/(console)/admin/operators/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Select } from "@/components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { ActionResult } from "@/lib/actions/result";
import { useAction } from "@/lib/hooks/use-action";
import { ROLES, type Role } from "@/lib/vocab";

type Row = { id: string; email: string; name: string; role: Role; disabled: boolean; createdAt: string };

export function OperatorsTable({ rows, meId }: { rows: Row[]; meId: string }) {
  const t = useTranslations("operators");
  const tc = useTranslations("common");
  const tr = useTranslations("roles");
  const format = useFormatter();
  const { run: runAction, pending } = useAction();
  const run = (work: () => Promise<ActionResult<unknown>>, success: string) => runAction(work, { success: () => success });

  return (
    <Card className="h-fit">
      <Table aria-busy={pending}>
        <TableHeader>
          <TableRow>
            <TableHead>{t("name")}</TableHead>
            <TableHead>{t("role")}</TableHead>
            <TableHead>{t("status")}</TableHead>
            <TableHead>{t("since")}</TableHead>
            <TableHead className="text-right">
              <span className="sr-only">{t("actions")}</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => {
            const self = row.id === meId;
            return (
              <TableRow key={row.id} data-testid={`operator-${row.email}`}>
                <TableCell>
                  <div className="font-medium">
                    {row.name} {self ? <span className="text-xs text-muted-foreground">({t("you")})</span> : null}
                  </div>
                  <div className="text-xs text-muted-foreground">{row.email}</div>
                </TableCell>
                <TableCell>
                  <Select
                    aria-label={t("roleOf", { email: row.email })}
                    className="h-8 w-32"
                    value={row.role}
                    disabled={self || pending}
                    onChange={(e) => {
                      const role = e.target.value as Role;
                      run(() => changeRoleAction({ id: row.id, role }), t("roleChanged", { email: row.email, role: tr(role) }));
                    }}
                  >
                    {ROLES.map((role) => (
                      <option key={role} value={role}>
                        {tr(role)}
                      </option>
                    ))}
                  </Select>
                </TableCell>
                <TableCell>
                  {row.disabled ? <Badge variant="destructive">{t("disabled")}</Badge> : <Badge>{t("active")}</Badge>}
                </TableCell>
                <TableCell className="whitespace-nowrap text-muted-foreground">
                  {format.dateTime(new Date(row.createdAt), { dateStyle: "medium" })}
                </TableCell>
                <TableCell className="text-right">
                  {self ? null : row.disabled ? (
                    <Button
                      variant="outline"
                      size="sm"
                      disabled={pending}
                      onClick={() => run(() => setDisabledAction({ id: row.id, disabled: false }), t("enabledToast", { email: row.email }))}
                    >
                      {t("enable")}
                    </Button>
                  ) : (
                    <ConfirmDialog
                      trigger={
                        <Button variant="outline" size="sm" disabled={pending} aria-label={t("disableOf", { email: row.email })}>
                          {t("disable")}
                        </Button>
                      }
                      title={t("disableTitle", { email: row.email })}
                      description={t("disableDescription")}
                      confirmLabel={t("disable")}
                      cancelLabel={tc("cancel")}
                      onConfirm={() => run(() => setDisabledAction({ id: row.id, disabled: true }), t("disabledToast", { email: row.email }))}
                    />
                  )}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Card>
  );
}
