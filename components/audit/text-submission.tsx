"use client";

import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { submitAuditAction } from "@/app/(console)/tenants/[tenantId]/audit/actions";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input, Textarea } from "@/components/ui/input";
import { useAction } from "@/lib/hooks/use-action";
import { emptyDraft } from "@/lib/validation/audit-submission";
import { AUDIT_TEXT_MAX_CHARS, textDraftIssues } from "@/lib/validation/audit-text";
import { uploadKey } from "@/components/commit/upload-status";
import { auditKeys, useAuditCard } from "./queries";

/**
 * A submission that is a text (Baidu's submitaudit: `content` and `remark`): the item_list builder, profiles,
 * media and privacy gate do not apply. The server checks the same rules and waits for the upload to be ready.
 */
export function TextSubmission({ tenantId, canOperate }: { tenantId: string; canOperate: boolean }) {
  const t = useTranslations("baiduPages.audit");
  const tv = useTranslations("validation");
  const queryClient = useQueryClient();
  const card = useAuditCard(tenantId);
  const [content, setContent] = useState("");
  const [remark, setRemark] = useState("");
  const { run, pending, fieldErrors } = useAction({
    settle: async () => {
      await queryClient.invalidateQueries({ queryKey: auditKeys.all(tenantId) });
      await queryClient.invalidateQueries({ queryKey: uploadKey(tenantId) });
    },
  });
  const issues = textDraftIssues({ versionDesc: content, feedbackInfo: remark });
  const underReview = card.data?.audit?.state === "auditing" || card.data?.audit?.state === "delayed";
  const fieldError = (field: "versionDesc" | "feedbackInfo") => {
    const server = fieldErrors?.[field];
    if (server?.length) return server;
    const local = issues[field];
    // "Required" is said once the operator tries to submit (server), "too long" as it is typed.
    return local?.rule === "tooLong" ? [tv("tooLong")] : undefined;
  };
  const submit = () =>
    run(() => submitAuditAction({ tenantId, draft: { ...emptyDraft(), items: [], versionDesc: content, feedbackInfo: remark }, profileId: null }), {
      success: (d) => t("submitted", { auditid: d.auditid }),
    });

  return (
    <Card data-testid="text-submission">
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <FormField id="audit-content" label={t("content")} hint={t("contentHint")} errors={fieldError("versionDesc")}>
          {(props) => <Textarea {...props} value={content} onChange={(e) => setContent(e.target.value)} rows={4} maxLength={AUDIT_TEXT_MAX_CHARS} required disabled={!canOperate} />}
        </FormField>
        <FormField id="audit-remark" label={t("remark")} hint={t("remarkHint")} errors={fieldError("feedbackInfo")}>
          {(props) => <Input {...props} value={remark} onChange={(e) => setRemark(e.target.value)} maxLength={AUDIT_TEXT_MAX_CHARS} disabled={!canOperate} />}
        </FormField>
        <div className="flex flex-wrap items-center gap-3">
          <Button type="button" onClick={submit} disabled={!canOperate || pending || underReview || Object.keys(issues).length > 0}>
            {pending ? t("submitting") : t("submit")}
          </Button>
          {!canOperate ? <p className="text-sm text-muted-foreground">{t("viewerReason")}</p> : null}
        </div>
      </CardContent>
    </Card>
  );
}
