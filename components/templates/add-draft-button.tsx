"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { Plus } from "lucide-react";
import { addToTemplatesAction } from "@/app/(console)/templates/actions";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { useAction } from "@/lib/hooks/use-action";

/** Baidu's addtotemplate description: at most 30 characters (lib/console/templates.ts checks it again). */
const DESC_MAX = 30;

/**
 * Makes a template of a draft; disabled with the reason shown when the role or a full library forbids it. Where the
 * platform takes the template's description (`describe`, Baidu), it is typed beside the button (empty: the draft's own).
 */
export function AddDraftButton({
  accountId,
  draftId,
  version,
  disabledReason,
  describe = false,
  draftDesc = "",
}: {
  accountId: string;
  draftId: number;
  version: string;
  disabledReason?: string;
  describe?: boolean;
  draftDesc?: string;
}) {
  const t = useTranslations("templates.drafts");
  const tb = useTranslations("baiduPages.templates");
  const { run, pending, fieldErrors } = useAction();
  const [userDesc, setUserDesc] = useState("");
  const tooLong = [...userDesc.trim()].length > DESC_MAX;
  const button = (
    <Button
      size="sm"
      variant="outline"
      disabled={pending || Boolean(disabledReason) || tooLong}
      title={disabledReason}
      aria-label={t("addOf", { id: draftId, version })}
      onClick={() => run(() => addToTemplatesAction({ accountId, draftId, ...(describe && userDesc.trim() ? { userDesc } : {}) }), { success: () => t("added", { id: draftId }) })}
    >
      <Plus aria-hidden />
      {pending ? t("adding") : t("add")}
    </Button>
  );
  if (!describe) return button;
  const id = `template-desc-${draftId}`;
  // Stacked (field, hint, button) and narrow, so the draft table fits its card beside the other columns.
  return (
    <div className="ml-auto grid w-52 justify-items-end gap-1.5">
      <div className="grid w-full gap-1 text-left">
        <label htmlFor={id} className="sr-only">
          {tb("userDesc")}
        </label>
        <Input
          id={id}
          value={userDesc}
          onChange={(e) => setUserDesc(e.target.value)}
          placeholder={[...draftDesc].slice(0, DESC_MAX).join("") || tb("userDesc")}
          aria-invalid={tooLong || fieldErrors?.userDesc ? true : undefined}
          aria-describedby={`${id}-hint`}
          className="h-8 w-full"
          disabled={Boolean(disabledReason)}
        />
        <p id={`${id}-hint`} className={tooLong ? "text-xs text-destructive" : "text-xs text-muted-foreground"}>
          {tb("userDescHint", { max: DESC_MAX })}
        </p>
      </div>
      {button}
    </div>
  );
}
