"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import type { ActionResult } from "@/lib/actions/result";
import { useAction } from "@/lib/hooks/use-action";
import { acceptOf, formatBytes, mediaExtensions, mediaIssue, type MediaKind } from "@/lib/validation/media";

export type UploadedMedia = { mediaId: string; kind: MediaKind; name: string };

/**
 * Posts one file to the audit tab's upload route (a route, not an action: see its file) and reads its answer as an
 * action's result, so useAction handles it like the tab's other calls.
 */
async function postMedia(tenantId: string, purpose: "preview" | "feedback", file: File, failed: (status: number) => string) {
  const body = new FormData();
  body.set("purpose", purpose);
  body.set("file", file);
  try {
    const res = await fetch(`/tenants/${tenantId}/audit/media`, { method: "POST", body });
    const answer = (await res.json().catch(() => null)) as ActionResult<UploadedMedia> | null;
    return answer && typeof answer.ok === "boolean" ? answer : { ok: false as const, error: failed(res.status) };
  } catch {
    return { ok: false as const, error: failed(0) };
  }
}

/**
 * A file input for an audit's media (preview pictures or videos, pictures answering a rejection): the limits shown
 * as a hint, a chosen file checked before it leaves the browser, the upload's refusal next to the field, then the
 * uploaded ids listed with a remove button. The ids go into the draft through `onAdd`/`onRemove`.
 */
export function MediaField({
  id,
  tenantId,
  purpose,
  kind,
  label,
  hint,
  ids,
  max,
  disabled,
  errors,
  onAdd,
  onRemove,
}: {
  id: string;
  tenantId: string;
  purpose: "preview" | "feedback";
  kind: MediaKind;
  label: string;
  hint: string;
  ids: string[];
  max?: number;
  disabled: boolean;
  errors?: string[];
  onAdd: (mediaId: string) => void;
  onRemove: (mediaId: string) => void;
}) {
  const t = useTranslations("audit.media");
  // The names of the files uploaded here; ids loaded from elsewhere are shown as ids.
  const [names, setNames] = useState<Record<string, string>>({});
  const [localError, setLocalError] = useState<string | null>(null);
  const upload = useAction({ settle: false, toastErrors: false });
  const full = max !== undefined && ids.length >= max;

  const choose = (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = "";
    setLocalError(null);
    if (!file) return;
    const issue = mediaIssue({ name: file.name, size: file.size }, [kind]);
    if (issue) {
      setLocalError(
        issue.rule === "format"
          ? t("format", { name: file.name, formats: mediaExtensions(kind).join(", ") })
          : issue.rule === "empty"
            ? t("empty", { name: file.name })
            : t("tooLarge", { name: file.name, limit: formatBytes(issue.maxBytes) }),
      );
      return;
    }
    upload.run(() => postMedia(tenantId, purpose, file, (status) => t("failed", { status })), {
      success: (d) => t("uploaded", { name: d.name }),
      onSuccess: (d) => {
        setNames((n) => ({ ...n, [d.mediaId]: d.name }));
        onAdd(d.mediaId);
      },
    });
  };

  const shown = localError ? [localError] : upload.formError ? [upload.formError] : errors;
  return (
    <div className="grid gap-2">
      <FormField id={id} label={label} hint={full ? `${hint} ${t("full", { count: max })}` : hint} errors={shown}>
        {(p) => (
          <input
            {...p}
            type="file"
            accept={acceptOf([kind])}
            disabled={disabled || full || upload.pending}
            className="text-sm file:mr-3 file:rounded-md file:border file:border-border file:bg-card file:px-3 file:py-1.5"
            onChange={(e) => choose(e.currentTarget)}
          />
        )}
      </FormField>
      {upload.pending ? (
        <p role="status" className="text-xs text-muted-foreground">
          {t("uploadingFile")}
        </p>
      ) : null}
      {ids.length > 0 ? (
        <ul className="grid gap-1 text-sm">
          {ids.map((mediaId) => (
            <li key={mediaId} className="flex items-center gap-2">
              <span className="truncate">{names[mediaId] ?? mediaId}</span>
              <Button type="button" variant="ghost" size="icon" disabled={disabled} aria-label={t("remove", { name: names[mediaId] ?? mediaId })} onClick={() => onRemove(mediaId)}>
                <X aria-hidden />
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
