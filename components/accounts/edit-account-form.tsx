"use client";

import { useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { updateAccountAction } from "@/app/(console)/settings/accounts/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormAlert } from "@/components/ui/form-alert";
import { useAction } from "@/lib/hooks/use-action";
import { AccountFields } from "./account-fields";
import type { AccountCardData } from "./types";

/** Replacing the EncodingAESKey asks first: the key before the current one stops decrypting pushes. */
export function EditAccountForm({ account, onDone }: { account: AccountCardData; onDone: () => void }) {
  const t = useTranslations("accounts");
  const tc = useTranslations("common");
  const formRef = useRef<HTMLFormElement>(null);
  const [aesKey, setAesKey] = useState("");
  const { submit, pending, fieldErrors: errors, formError } = useAction();
  const onSubmit = submit(updateAccountAction, {
    success: (d) => (d.changed.length ? t("saved", { name: d.name }) : t("unchanged")),
    onSuccess: onDone,
  });
  const save = (
    <Button type={aesKey.trim() ? "button" : "submit"} disabled={pending}>
      {pending ? t("saving") : t("save")}
    </Button>
  );
  return (
    <form ref={formRef} onSubmit={onSubmit} className="grid gap-3 border-t border-border pt-4" noValidate aria-label={t("editTitle", { name: account.name })}>
      <input type="hidden" name="id" value={account.id} />
      {formError ? <FormAlert>{formError}</FormAlert> : null}
      <AccountFields idPrefix={`edit-${account.id}`} platform={account.platform} errors={errors} defaults={account} existing={account} onAesKeyChange={setAesKey} />
      <div className="flex gap-2">
        {aesKey.trim() ? (
          <ConfirmDialog
            trigger={save}
            title={t("rotateTitle")}
            description={account.previousAesKeySet ? t("rotateDescriptionDrops") : t("rotateDescription")}
            confirmLabel={t("rotateConfirm")}
            cancelLabel={tc("cancel")}
            onConfirm={() => formRef.current?.requestSubmit()}
          />
        ) : (
          save
        )}
        <Button type="button" variant="outline" onClick={onDone} disabled={pending}>
          {tc("cancel")}
        </Button>
      </div>
    </form>
  );
}
