"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useAction } from "@/lib/hooks/use-action";
import type { QrJumpRule } from "@/lib/platforms/port";
import { deleteQrJumpRuleAction, publishQrJumpRuleAction } from "@/app/(console)/tenants/[tenantId]/qrcode-jump/actions";
import { QrJumpRuleForm } from "./rule-form";

export type QrJumpActing = { tenantId: string; canOperate: boolean; readOnlyReason: string };

/**
 * The tenant's rules with every field in words; edit (unpublished rules only, a published one says why), publish and
 * delete, each confirmed. Viewers see the buttons disabled with the reason; the server refuses them too.
 */
export function QrJumpRulesTable({ acting, rules, pages, publishesLeft }: { acting: QrJumpActing; rules: QrJumpRule[]; pages: string[] | null; publishesLeft: number }) {
  const t = useTranslations("qrJump");
  const { run, pending } = useAction();
  const [editing, setEditing] = useState<string | null>(null);
  if (rules.length === 0) return <p className="text-sm text-muted-foreground">{t("empty")}</p>;
  const disabled = !acting.canOperate || pending;
  const editRule = rules.find((r) => r.prefix === editing);

  return (
    <div className="grid gap-4">
      <Table>
        <TableHeader>
          <TableRow>
            {(["prefix", "path", "scope", "exclusive", "debugUrls", "state", "actions"] as const).map((c) => (
              <TableHead key={c}>{t(`columns.${c}`)}</TableHead>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rules.map((rule) => (
            <TableRow key={rule.prefix} data-testid="qr-rule">
              <TableCell className="font-mono text-xs break-all">{rule.prefix}</TableCell>
              <TableCell className="font-mono text-xs">{rule.path}</TableCell>
              <TableCell>{t(`scope.${rule.scope}`)}</TableCell>
              <TableCell>{t(rule.exclusive ? "exclusive.yes" : "exclusive.no")}</TableCell>
              <TableCell className="font-mono text-xs break-all">
                {rule.debugUrls.length === 0 ? t("noDebugUrls") : rule.debugUrls.map((u) => <div key={u}>{u}</div>)}
              </TableCell>
              <TableCell>
                <Badge variant={rule.published ? "default" : "secondary"}>{t(rule.published ? "state.published" : "state.unpublished")}</Badge>
              </TableCell>
              <TableCell>
                <div className="flex flex-wrap gap-1">
                  <Button size="sm" variant="outline" disabled={disabled || rule.published} title={rule.published ? t("publishedLocked") : undefined} onClick={() => setEditing(rule.prefix)}>
                    {t("edit")}
                  </Button>
                  <ConfirmDialog
                    trigger={
                      <Button size="sm" disabled={disabled}>
                        {t("publish")}
                      </Button>
                    }
                    title={t("publishConfirm.title", { prefix: rule.prefix })}
                    description={t("publishConfirm.description", { count: publishesLeft })}
                    confirmLabel={t("publish")}
                    cancelLabel={t("form.cancel")}
                    destructive={false}
                    onConfirm={() => run(() => publishQrJumpRuleAction({ tenantId: acting.tenantId, prefix: rule.prefix }), { success: (d) => t("published", d) })}
                  />
                  <ConfirmDialog
                    trigger={
                      <Button size="sm" variant="destructive" disabled={disabled}>
                        {t("delete")}
                      </Button>
                    }
                    title={t("deleteConfirm.title", { prefix: rule.prefix })}
                    description={t("deleteConfirm.description")}
                    confirmLabel={t("delete")}
                    cancelLabel={t("form.cancel")}
                    onConfirm={() => run(() => deleteQrJumpRuleAction({ tenantId: acting.tenantId, prefix: rule.prefix }), { success: (d) => t("deleted", d) })}
                  />
                </div>
                {rule.published ? <p className="mt-1 text-xs text-muted-foreground">{t("publishedLocked")}</p> : null}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {!acting.canOperate ? <p className="text-xs text-muted-foreground">{acting.readOnlyReason}</p> : null}
      {editRule && acting.canOperate ? (
        <section className="rounded-lg border border-border p-4">
          <h3 className="mb-3 text-sm font-medium">{t("form.editTitle", { prefix: editRule.prefix })}</h3>
          <QrJumpRuleForm key={editRule.prefix} tenantId={acting.tenantId} pages={pages} rule={editRule} onDone={() => setEditing(null)} />
        </section>
      ) : null}
    </div>
  );
}
