"use client";

import { useTranslations } from "next-intl";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { AUDIT_LIMITS, charCount, UGC_METHODS, UGC_SCENES, type AuditDraft } from "@/lib/validation/audit-submission";
import { formatBytes, mediaMaxBytes } from "@/lib/validation/media";
import { useIssueText } from "./item-editor";
import { MediaField } from "./media-field";

type MediaList = "previewPictures" | "previewVideos" | "feedbackMedia";

/**
 * The submission's options: version_desc, order_path, ugc_declare in words, preview media, and feedback (text and
 * pictures) after a rejection. Uploads answer later than the click: their ids go in through `update`, on the
 * draft as it is then.
 */
export function OptionsFields({
  tenantId,
  draft,
  onChange,
  update,
  disabled,
  rejected,
  serverErrors,
}: {
  tenantId: string;
  draft: AuditDraft;
  onChange: (draft: AuditDraft) => void;
  update: (change: (draft: AuditDraft) => AuditDraft) => void;
  disabled: boolean;
  rejected: boolean;
  serverErrors: (field: string) => string[] | undefined;
}) {
  const t = useTranslations("audit.options");
  const issueText = useIssueText();
  const tooLong = (value: string, limit: number) => (charCount(value.trim()) > limit ? [issueText({ rule: "tooLong", limit })!] : undefined);
  const ugc = draft.ugc;
  const setUgc = (patch: Partial<NonNullable<AuditDraft["ugc"]>>) => ugc && onChange({ ...draft, ugc: { ...ugc, ...patch } });
  const tm = useTranslations("audit.media");
  const add = (list: MediaList) => (mediaId: string) => update((d) => ({ ...d, [list]: [...d[list].filter((id) => id !== mediaId), mediaId] }));
  const remove = (list: MediaList) => (mediaId: string) => update((d) => ({ ...d, [list]: d[list].filter((id) => id !== mediaId) }));
  const imageLimit = formatBytes(mediaMaxBytes("image"));
  const toggle = <N extends number>(list: N[], value: N, on: boolean) => (on ? [...list, value].sort() : list.filter((v) => v !== value));

  return (
    <div className="grid gap-3">
      <div className="grid gap-3 sm:grid-cols-2">
        <FormField id="audit-version-desc" label={t("versionDesc")} errors={serverErrors("versionDesc")}>
          {(p) => <Input {...p} value={draft.versionDesc} disabled={disabled} onChange={(e) => onChange({ ...draft, versionDesc: e.target.value })} />}
        </FormField>
        <FormField id="audit-order-path" label={t("orderPath")} hint={t("orderPathHint")} errors={serverErrors("orderPath")}>
          {(p) => <Input {...p} value={draft.orderPath} disabled={disabled} onChange={(e) => onChange({ ...draft, orderPath: e.target.value })} />}
        </FormField>
      </div>
      {rejected ? (
        <FormField
          id="audit-feedback"
          label={t("feedbackInfo")}
          hint={t("feedbackHint", { limit: AUDIT_LIMITS.feedbackChars })}
          errors={tooLong(draft.feedbackInfo, AUDIT_LIMITS.feedbackChars) ?? serverErrors("feedbackInfo")}
        >
          {(p) => (
            <textarea
              {...p}
              className="min-h-20 rounded-md border border-border bg-card px-3 py-2 text-sm"
              value={draft.feedbackInfo}
              disabled={disabled}
              onChange={(e) => onChange({ ...draft, feedbackInfo: e.target.value })}
            />
          )}
        </FormField>
      ) : null}
      {rejected ? (
        <MediaField
          id="audit-feedback-media"
          tenantId={tenantId}
          purpose="feedback"
          kind="image"
          label={tm("feedbackMedia")}
          hint={tm("feedbackMediaHint", { limit: imageLimit, count: AUDIT_LIMITS.feedbackMedia })}
          ids={draft.feedbackMedia}
          max={AUDIT_LIMITS.feedbackMedia}
          disabled={disabled}
          errors={serverErrors("feedbackMedia")}
          onAdd={add("feedbackMedia")}
          onRemove={remove("feedbackMedia")}
        />
      ) : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <MediaField
          id="audit-preview-pictures"
          tenantId={tenantId}
          purpose="preview"
          kind="image"
          label={tm("previewPictures")}
          hint={tm("previewPicturesHint", { limit: imageLimit })}
          ids={draft.previewPictures}
          disabled={disabled}
          errors={serverErrors("previewPictures")}
          onAdd={add("previewPictures")}
          onRemove={remove("previewPictures")}
        />
        <MediaField
          id="audit-preview-videos"
          tenantId={tenantId}
          purpose="preview"
          kind="video"
          label={tm("previewVideos")}
          hint={tm("previewVideosHint", { limit: formatBytes(mediaMaxBytes("video")) })}
          ids={draft.previewVideos}
          disabled={disabled}
          errors={serverErrors("previewVideos")}
          onAdd={add("previewVideos")}
          onRemove={remove("previewVideos")}
        />
      </div>
      <fieldset className="grid gap-2 rounded-md border border-border p-3 text-sm">
        <legend className="px-1 font-medium">{t("ugcTitle")}</legend>
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            checked={ugc !== null}
            disabled={disabled}
            onChange={(e) =>
              onChange({ ...draft, ugc: e.target.checked ? { scenes: [], otherSceneDesc: "", methods: [], hasAuditTeam: false, auditDesc: "" } : null })
            }
          />
          {t("ugcDeclare")}
        </label>
        {ugc ? (
          <>
            <p className="text-muted-foreground">{t("scenes")}</p>
            <div className="flex flex-wrap gap-3">
              {UGC_SCENES.map((scene) => (
                <label key={scene} className="flex items-center gap-1.5">
                  <input type="checkbox" checked={ugc.scenes.includes(scene)} disabled={disabled} onChange={(e) => setUgc({ scenes: toggle(ugc.scenes, scene, e.target.checked) })} />
                  {t(`scene.${scene}`)}
                </label>
              ))}
            </div>
            <p className="text-muted-foreground">{t("methods")}</p>
            <div className="flex flex-wrap gap-3">
              {UGC_METHODS.map((method) => (
                <label key={method} className="flex items-center gap-1.5">
                  <input type="checkbox" checked={ugc.methods.includes(method)} disabled={disabled} onChange={(e) => setUgc({ methods: toggle(ugc.methods, method, e.target.checked) })} />
                  {t(`method.${method}`)}
                </label>
              ))}
            </div>
            <label className="flex items-center gap-2">
              <input type="checkbox" checked={ugc.hasAuditTeam} disabled={disabled} onChange={(e) => setUgc({ hasAuditTeam: e.target.checked })} />
              {t("hasAuditTeam")}
            </label>
            <div className="grid gap-3 sm:grid-cols-2">
              <FormField id="audit-ugc-other" label={t("otherSceneDesc")} errors={tooLong(ugc.otherSceneDesc, AUDIT_LIMITS.ugcTextChars) ?? serverErrors("ugc.otherSceneDesc")}>
                {(p) => <Input {...p} value={ugc.otherSceneDesc} disabled={disabled} onChange={(e) => setUgc({ otherSceneDesc: e.target.value })} />}
              </FormField>
              <FormField id="audit-ugc-desc" label={t("auditDesc")} errors={tooLong(ugc.auditDesc, AUDIT_LIMITS.ugcTextChars) ?? serverErrors("ugc.auditDesc")}>
                {(p) => <Input {...p} value={ugc.auditDesc} disabled={disabled} onChange={(e) => setUgc({ auditDesc: e.target.value })} />}
              </FormField>
            </div>
          </>
        ) : null}
      </fieldset>
    </div>
  );
}
