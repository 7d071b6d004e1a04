"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input } from "@/components/ui/input";
import { useAction } from "@/lib/hooks/use-action";
import { deletePresetAction, savePresetAction } from "@/app/(console)/tenants/[tenantId]/code/actions";
import type { PresetOption } from "./types";

/** The team's ext_json presets: load one into the editor, save the editor's text under a name, replace, delete. */
export function PresetsBar({ presets, text, onLoad, canOperate }: { presets: PresetOption[]; text: string; onLoad: (extJson: string) => void; canOperate: boolean }) {
  const t = useTranslations("commit.presets");
  const { run, pending } = useAction();
  const [name, setName] = useState("");
  const trimmed = name.trim();
  const taken = presets.find((p) => p.name === trimmed);
  const save = (overwrite: boolean) => run(() => savePresetAction({ name: trimmed, extJson: text, overwrite }), { success: (d) => t("saved", d) });

  return (
    <section className="grid gap-2" aria-labelledby="presets-title">
      <h3 id="presets-title" className="text-sm font-medium">
        {t("title")}
      </h3>
      {presets.length === 0 ? <p className="text-sm text-muted-foreground">{t("none")}</p> : null}
      <ul className="flex flex-wrap gap-2">
        {presets.map((preset) => (
          <li key={preset.id} className="flex items-center gap-1 rounded-md border border-border px-2 py-1 text-sm">
            <span>{preset.name}</span>
            <Button type="button" variant="ghost" size="sm" onClick={() => onLoad(preset.extJson)}>
              {t("load")}
            </Button>
            <ConfirmDialog
              trigger={
                <Button type="button" variant="ghost" size="sm" disabled={!canOperate || pending}>
                  {t("delete")}
                </Button>
              }
              title={t("deleteTitle", { name: preset.name })}
              description={t("deleteBody")}
              confirmLabel={t("delete")}
              cancelLabel={t("cancel")}
              onConfirm={() => run(() => deletePresetAction({ id: preset.id }), { success: () => t("deleted") })}
            />
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap items-end gap-2">
        <label className="grid gap-1 text-sm">
          <span>{t("name")}</span>
          <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={80} disabled={!canOperate} className="w-56" />
        </label>
        {taken ? (
          <ConfirmDialog
            trigger={
              <Button type="button" variant="outline" disabled={!canOperate || pending}>
                {t("save")}
              </Button>
            }
            title={t("overwriteTitle", { name: trimmed })}
            description={t("overwriteBody")}
            confirmLabel={t("overwrite")}
            cancelLabel={t("cancel")}
            onConfirm={() => save(true)}
          />
        ) : (
          <Button type="button" variant="outline" disabled={!canOperate || pending || !trimmed} onClick={() => save(false)}>
            {t("save")}
          </Button>
        )}
      </div>
    </section>
  );
}
