"use client";

import { useTranslations } from "next-intl";
import { Trash2 } from "lucide-react";
import { deleteTemplateAction } from "@/app/(console)/templates/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useAction } from "@/lib/hooks/use-action";

/** Deleting a template cannot be undone on the platform: it asks first. */
export function DeleteTemplateButton({ accountId, templateId, version, disabledReason }: { accountId: string; templateId: number; version: string; disabledReason?: string }) {
  const t = useTranslations("templates.list");
  const { run, pending } = useAction();
  const button = (
    <Button size="sm" variant="ghost" className="text-destructive" disabled={pending || Boolean(disabledReason)} title={disabledReason} aria-label={t("deleteOf", { id: templateId, version })}>
      <Trash2 aria-hidden />
      {pending ? t("deleting") : t("delete")}
    </Button>
  );
  if (disabledReason) return button;
  return (
    <ConfirmDialog
      trigger={button}
      title={t("deleteTitle", { id: templateId })}
      description={t("deleteDescription", { id: templateId, version })}
      confirmLabel={t("deleteConfirm")}
      cancelLabel={t("cancel")}
      onConfirm={() => run(() => deleteTemplateAction({ accountId, templateId }), { success: () => t("deleted", { id: templateId }) })}
    />
  );
}
