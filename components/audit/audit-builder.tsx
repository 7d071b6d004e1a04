"use client";

import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Plus } from "lucide-react";
import { deleteAuditProfileAction, saveAuditProfileAction, submitAuditAction } from "@/app/(console)/tenants/[tenantId]/audit/actions";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormAlert } from "@/components/ui/form-alert";
import { FormField } from "@/components/ui/form-field";
import { Input, Select } from "@/components/ui/input";
import type { Category } from "@/lib/platforms/port";
import { useAction } from "@/lib/hooks/use-action";
import { AUDIT_LIMITS, draftIssues, emptyDraft, emptyItem, type AuditDraft } from "@/lib/validation/audit-submission";
import { ItemEditor } from "./item-editor";
import { OptionsFields } from "./options-fields";
import { PrivacyGate, useScanDone } from "./privacy-gate";
import { auditKeys, useAuditCard } from "./queries";

export type ProfileOption = { id: string; name: string; draft: AuditDraft };

/**
 * The audit builder: a profile to start from (the tenant's last one by default), 1–5 items, the options, the privacy
 * gate, then submit (held while the scan runs) or save as a profile. Viewers see it all, disabled, with the reason.
 */
export function AuditBuilder({
  tenantId,
  categories,
  pages,
  profiles,
  defaultProfileId,
  canOperate,
}: {
  tenantId: string;
  categories: Category[];
  pages: string[] | null;
  profiles: ProfileOption[];
  defaultProfileId: string | null;
  canOperate: boolean;
}) {
  const t = useTranslations("audit.builder");
  const initial = profiles.find((p) => p.id === defaultProfileId) ?? null;
  const [profileId, setProfileId] = useState<string | null>(initial?.id ?? null);
  const [draft, setDraft] = useState<AuditDraft>(initial?.draft ?? emptyDraft());
  // Item editors keep their partially chosen category levels: a loaded profile starts them afresh.
  const [generation, setGeneration] = useState(0);
  const [profileName, setProfileName] = useState(initial?.name ?? "");
  const queryClient = useQueryClient();
  const card = useAuditCard(tenantId);
  const scanDone = useScanDone(tenantId);
  const submitting = useAction({ settle: () => queryClient.invalidateQueries({ queryKey: auditKeys.all(tenantId) }) });
  const saving = useAction();

  const disabled = !canOperate || submitting.pending;
  const rejected = card.data?.audit?.state === "rejected";
  const localIssues = draftIssues(draft);
  const serverErrors = (field: string) => submitting.fieldErrors?.[field] ?? saving.fieldErrors?.[field];
  const blocked = !canOperate ? t("viewerReason") : !scanDone ? t("scanReason") : Object.keys(localIssues).length > 0 ? t("issuesReason") : null;

  const loadProfile = (id: string) => {
    const profile = profiles.find((p) => p.id === id);
    setProfileId(profile?.id ?? null);
    setProfileName(profile?.name ?? "");
    setDraft(profile ? { ...profile.draft } : emptyDraft());
    setGeneration((g) => g + 1);
  };
  const setItem = (index: number, item: AuditDraft["items"][number]) => setDraft({ ...draft, items: draft.items.map((it, i) => (i === index ? item : it)) });
  const removeItem = (index: number) => {
    setDraft({ ...draft, items: draft.items.filter((_, i) => i !== index) });
    setGeneration((g) => g + 1);
  };

  const submit = () =>
    submitting.run(() => submitAuditAction({ tenantId, draft, profileId }), { success: (d) => t("submitted", { auditid: d.auditid }) });
  const saveProfile = () =>
    saving.run(() => saveAuditProfileAction({ name: profileName, draft, tenantId }), {
      success: (d) => t("profileSaved", { name: d.name }),
      onSuccess: (d) => setProfileId(d.id),
    });
  const deleteProfile = () =>
    profileId &&
    saving.run(() => deleteAuditProfileAction({ profileId }), { success: () => t("profileDeleted"), onSuccess: () => setProfileId(null) });

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <div className="flex flex-wrap items-end gap-2">
          <FormField id="audit-profile" label={t("profile")}>
            {(p) => (
              <Select {...p} value={profileId ?? ""} onChange={(e) => loadProfile(e.target.value)}>
                <option value="">{t("noProfile")}</option>
                {profiles.map((profile) => (
                  <option key={profile.id} value={profile.id}>
                    {profile.name}
                  </option>
                ))}
              </Select>
            )}
          </FormField>
          {profileId && canOperate ? (
            <ConfirmDialog
              trigger={
                <Button type="button" variant="outline" size="sm" disabled={saving.pending}>
                  {t("deleteProfile")}
                </Button>
              }
              title={t("deleteProfileTitle", { name: profileName })}
              description={t("deleteProfileDescription")}
              confirmLabel={t("deleteProfile")}
              cancelLabel={t("cancel")}
              onConfirm={deleteProfile}
            />
          ) : null}
        </div>

        {categories.length === 0 ? <FormAlert>{t("noCategories")}</FormAlert> : null}
        {draft.items.map((item, index) => (
          <ItemEditor
            key={`${generation}-${index}`}
            index={index}
            item={item}
            categories={categories}
            pages={pages}
            serverErrors={serverErrors}
            disabled={disabled}
            canRemove={draft.items.length > 1}
            onChange={(next) => setItem(index, next)}
            onRemove={() => removeItem(index)}
          />
        ))}
        {serverErrors("items") ? <FormAlert>{serverErrors("items")!.join(" ")}</FormAlert> : null}
        <div>
          <Button
            type="button"
            variant="outline"
            size="sm"
            disabled={disabled || draft.items.length >= AUDIT_LIMITS.items}
            onClick={() => setDraft({ ...draft, items: [...draft.items, emptyItem()] })}
          >
            <Plus aria-hidden /> {t("addItem", { count: draft.items.length, limit: AUDIT_LIMITS.items })}
          </Button>
        </div>

        <OptionsFields tenantId={tenantId} draft={draft} onChange={setDraft} update={setDraft} disabled={disabled} rejected={rejected} serverErrors={serverErrors} />
        <PrivacyGate tenantId={tenantId} notUse={draft.privacyApiNotUse} disabled={disabled} onNotUseChange={(v) => setDraft({ ...draft, privacyApiNotUse: v })} />

        {submitting.formError ? <FormAlert>{submitting.formError}</FormAlert> : null}
        <div className="flex flex-wrap items-end gap-2">
          <Button type="button" disabled={disabled || blocked !== null} aria-describedby={blocked ? "audit-submit-blocked" : undefined} onClick={submit}>
            {submitting.pending ? t("submitting") : t("submit")}
          </Button>
          <FormField id="audit-profile-name" label={t("profileName")} errors={saving.fieldErrors?.name}>
            {(p) => <Input {...p} value={profileName} disabled={!canOperate} onChange={(e) => setProfileName(e.target.value)} />}
          </FormField>
          <Button type="button" variant="outline" disabled={!canOperate || saving.pending || profileName.trim() === ""} onClick={saveProfile}>
            {t("saveProfile")}
          </Button>
        </div>
        {blocked ? (
          <p id="audit-submit-blocked" className="text-xs text-muted-foreground">
            {blocked}
          </p>
        ) : null}
      </CardContent>
    </Card>
  );
}
