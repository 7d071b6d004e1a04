"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { Trash2 } from "lucide-react";
import type { Category, CategoryLevel } from "@/lib/platforms/port";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input, Select } from "@/components/ui/input";
import { AUDIT_LIMITS, tagsIssue, titleIssue, type AuditItemDraft, type DraftIssue } from "@/lib/validation/audit-submission";

/** One item of item_list: cascading category (the tenant's own, with ids), page, tags and title checked as typed. */

const uniqueLevels = (levels: CategoryLevel[]) => [...new Map(levels.map((l) => [l.id, l])).values()];

export function useIssueText() {
  const t = useTranslations("audit.rules");
  return (issue: DraftIssue | null | undefined) => (issue ? t(issue.rule, { limit: issue.limit ?? 0 }) : undefined);
}

export function ItemEditor({
  index,
  item,
  categories,
  pages,
  serverErrors,
  disabled,
  canRemove,
  onChange,
  onRemove,
}: {
  index: number;
  item: AuditItemDraft;
  categories: Category[];
  pages: string[] | null;
  serverErrors: (field: string) => string[] | undefined;
  disabled: boolean;
  canRemove: boolean;
  onChange: (item: AuditItemDraft) => void;
  onRemove: () => void;
}) {
  const t = useTranslations("audit.item");
  const issueText = useIssueText();
  // The levels chosen so far; a complete category is written to the item once its last level is chosen.
  const [firstId, setFirstId] = useState<number | null>(item.category?.first.id ?? null);
  const [secondId, setSecondId] = useState<number | null>(item.category?.second.id ?? null);

  const firsts = uniqueLevels(categories.map((c) => c.first));
  const underFirst = categories.filter((c) => c.first.id === firstId);
  const seconds = uniqueLevels(underFirst.map((c) => c.second));
  const underSecond = underFirst.filter((c) => c.second.id === secondId);
  const thirds = underSecond.flatMap((c) => (c.third ? [c.third] : []));

  const chooseFirst = (id: number | null) => {
    setFirstId(id);
    setSecondId(null);
    onChange({ ...item, category: null });
  };
  const chooseSecond = (id: number | null) => {
    setSecondId(id);
    const complete = underFirst.find((c) => c.second.id === id && c.third === null);
    const needsThird = underFirst.some((c) => c.second.id === id && c.third !== null);
    onChange({ ...item, category: complete && !needsThird ? complete : null });
  };
  const chooseThird = (id: number | null) => onChange({ ...item, category: underSecond.find((c) => c.third?.id === id) ?? null });

  const fieldId = (name: string) => `item-${index}-${name}`;
  const errors = (name: string, live?: string) => (live ? [live] : serverErrors(`items.${index}.${name}`));
  const numberOrNull = (value: string) => (value === "" ? null : Number(value));

  return (
    <fieldset className="grid gap-3 rounded-md border border-border p-3" data-testid={`audit-item-${index}`}>
      <legend className="flex items-center gap-2 px-1 text-sm font-medium">
        {t("legend", { n: index + 1 })}
        {canRemove ? (
          <Button type="button" variant="ghost" size="icon" className="size-7" aria-label={t("remove", { n: index + 1 })} disabled={disabled} onClick={onRemove}>
            <Trash2 aria-hidden />
          </Button>
        ) : null}
      </legend>
      <div className="grid gap-3 sm:grid-cols-3">
        <FormField id={fieldId("first")} label={t("first")} errors={errors("category")}>
          {(p) => (
            <Select {...p} value={firstId ?? ""} disabled={disabled} onChange={(e) => chooseFirst(numberOrNull(e.target.value))}>
              <option value="">{t("choose")}</option>
              {firsts.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </Select>
          )}
        </FormField>
        <FormField id={fieldId("second")} label={t("second")}>
          {(p) => (
            <Select {...p} value={secondId ?? ""} disabled={disabled || firstId === null} onChange={(e) => chooseSecond(numberOrNull(e.target.value))}>
              <option value="">{t("choose")}</option>
              {seconds.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </Select>
          )}
        </FormField>
        <FormField id={fieldId("third")} label={t("third")}>
          {(p) => (
            <Select {...p} value={item.category?.third?.id ?? ""} disabled={disabled || thirds.length === 0} onChange={(e) => chooseThird(numberOrNull(e.target.value))}>
              <option value="">{thirds.length === 0 ? t("noThird") : t("choose")}</option>
              {thirds.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </Select>
          )}
        </FormField>
      </div>
      <div className="grid gap-3 sm:grid-cols-3">
        <FormField id={fieldId("page")} label={t("page")} errors={errors("page")}>
          {(p) =>
            pages ? (
              <Select {...p} value={item.page} disabled={disabled} onChange={(e) => onChange({ ...item, page: e.target.value })}>
                <option value="">{t("noPage")}</option>
                {pages.map((page) => (
                  <option key={page} value={page}>
                    {page}
                  </option>
                ))}
              </Select>
            ) : (
              <Input {...p} value={item.page} disabled={disabled} onChange={(e) => onChange({ ...item, page: e.target.value })} />
            )
          }
        </FormField>
        <FormField id={fieldId("tags")} label={t("tags")} hint={t("tagsHint", { tags: AUDIT_LIMITS.tags, chars: AUDIT_LIMITS.tagChars })} errors={errors("tags", issueText(tagsIssue(item.tags)))}>
          {(p) => <Input {...p} value={item.tags} disabled={disabled} onChange={(e) => onChange({ ...item, tags: e.target.value })} />}
        </FormField>
        <FormField id={fieldId("title")} label={t("title", { limit: AUDIT_LIMITS.titleChars })} errors={errors("title", issueText(titleIssue(item.title)))}>
          {(p) => <Input {...p} value={item.title} disabled={disabled} onChange={(e) => onChange({ ...item, title: e.target.value })} />}
        </FormField>
      </div>
    </fieldset>
  );
}
