"use client";

import { useTranslations } from "next-intl";
import { Plus } from "lucide-react";
import { addToTemplatesAction } from "@/app/(console)/templates/actions";
import { Button } from "@/components/ui/button";
import { useAction } from "@/lib/hooks/use-action";

/** Makes a template of a draft; disabled with the reason shown when the role or a full library forbids it. */
export function AddDraftButton({ accountId, draftId, version, disabledReason }: { accountId: string; draftId: number; version: string; disabledReason?: string }) {
  const t = useTranslations("templates.drafts");
  const { run, pending } = useAction();
  return (
    <Button
      size="sm"
      variant="outline"
      disabled={pending || Boolean(disabledReason)}
      title={disabledReason}
      aria-label={t("addOf", { id: draftId, version })}
      onClick={() => run(() => addToTemplatesAction({ accountId, draftId }), { success: () => t("added", { id: draftId }) })}
    >
      <Plus aria-hidden />
      {pending ? t("adding") : t("add")}
    </Button>
  );
}
