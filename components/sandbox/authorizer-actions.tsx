"use client";

import { useTranslations } from "next-intl";
import { decideAuditAction, unauthorizeAction } from "@/app/(console)/sandbox/actions";
import type { SnapshotAuthorizer } from "@/lib/sandbox/control-state";
import { UNDER_REVIEW_STATUSES } from "@/lib/sandbox/types";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DecisionDialog } from "./decision-dialog";
import { useSandboxAction } from "@/lib/hooks/use-sandbox";

export function AuthorizerActions({ authorizer: a }: { authorizer: SnapshotAuthorizer }) {
  const t = useTranslations("sandbox.authorizers");
  const tc = useTranslations("common");
  const { run, pending } = useSandboxAction();
  const reviewing = a.audit !== null && UNDER_REVIEW_STATUSES.includes(a.audit.status);
  return (
    <div className="flex flex-wrap justify-end gap-1.5">
      {reviewing ? (
        <>
          <Button
            size="sm"
            disabled={pending}
            aria-label={t("approveOf", { name: a.nickname })}
            onClick={() => run(() => decideAuditAction({ appid: a.appid, result: "approve" }), { success: (d) => t("approved", { auditid: d.auditid }) })}
          >
            {t("approve")}
          </Button>
          <DecisionDialog authorizer={a} result="reject" />
          <DecisionDialog authorizer={a} result="delay" />
        </>
      ) : null}
      {a.authorized ? (
        <ConfirmDialog
          trigger={
            <Button variant="outline" size="sm" disabled={pending} aria-label={t("unauthorizeOf", { name: a.nickname })}>
              {t("unauthorize")}
            </Button>
          }
          title={t("unauthorizeTitle", { name: a.nickname })}
          description={t("unauthorizeDescription")}
          confirmLabel={t("unauthorize")}
          cancelLabel={tc("cancel")}
          onConfirm={() => run(() => unauthorizeAction({ appid: a.appid }), { success: () => t("unauthorizedToast", { name: a.nickname }) })}
        />
      ) : null}
    </div>
  );
}
