"use client";

import { useState } from "react";
import { Dialog } from "radix-ui";
import { useTranslations } from "next-intl";
import { decideAuditAction } from "@/app/(console)/sandbox/actions";
import type { SnapshotAuthorizer } from "@/lib/sandbox/control-state";
import { Button, buttonVariants } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useSandboxAction } from "@/lib/hooks/use-sandbox";

/** Reject or delay an audit, with the reason (and for a rejection the screenshots) the console will receive. */
export function DecisionDialog({ authorizer: a, result }: { authorizer: SnapshotAuthorizer; result: "reject" | "delay" }) {
  const t = useTranslations("sandbox.decision");
  const ta = useTranslations("sandbox.authorizers");
  const tc = useTranslations("common");
  const [open, setOpen] = useState(false);
  const { submit, pending, fieldErrors: errors, formError } = useSandboxAction();
  const onSubmit = submit(decideAuditAction, {
    success: (d) => ta(result === "reject" ? "rejected" : "delayed", { auditid: d.auditid }),
    onSuccess: () => setOpen(false),
  });
  const reject = result === "reject";
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>
        <Button variant={reject ? "destructive" : "outline"} size="sm" aria-label={ta(reject ? "rejectOf" : "delayOf", { name: a.nickname })}>
          {ta(reject ? "reject" : "delay")}
        </Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/30" />
        <Dialog.Content className="fixed left-1/2 top-1/2 z-50 grid w-[min(30rem,92vw)] -translate-x-1/2 -translate-y-1/2 gap-4 rounded-lg border border-border bg-card p-6 text-left shadow-lg">
          <Dialog.Title className="text-base font-semibold">{t(reject ? "rejectTitle" : "delayTitle", { name: a.nickname })}</Dialog.Title>
          <Dialog.Description className="text-sm text-muted-foreground">{t(reject ? "rejectDescription" : "delayDescription")}</Dialog.Description>
          <form onSubmit={onSubmit} className="grid gap-3" noValidate>
            {formError ? <FormAlert>{formError}</FormAlert> : null}
            <input type="hidden" name="appid" value={a.appid} />
            <input type="hidden" name="result" value={result} />
            <FormField id={`decision-reason-${a.appid}`} label={t("reason")} errors={errors?.reason} hint={t("reasonHint")}>
              {(p) => <Input {...p} name="reason" maxLength={500} autoComplete="off" />}
            </FormField>
            {reject ? (
              <FormField id={`decision-screenshot-${a.appid}`} label={t("screenshot")} errors={errors?.screenshot} hint={t("screenshotHint")}>
                {(p) => <Input {...p} name="screenshot" maxLength={2000} autoComplete="off" />}
              </FormField>
            ) : null}
            <div className="flex justify-end gap-2">
              <Dialog.Close className={buttonVariants({ variant: "outline" })}>{tc("cancel")}</Dialog.Close>
              <Button type="submit" variant={reject ? "destructive" : "default"} disabled={pending}>
                {pending ? t("sending") : ta(reject ? "reject" : "delay")}
              </Button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
