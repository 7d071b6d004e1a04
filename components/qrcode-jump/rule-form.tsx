"use client";

import { useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useAction } from "@/lib/hooks/use-action";
import type { QrJumpRule, QrJumpScope } from "@/lib/platforms/port";
import { debugUrlsOutsideRule, isRulePrefix, QR_JUMP_DEBUG_URL_MAX } from "@/lib/validation/qrcode-jump-match";
import { saveQrJumpRuleAction } from "@/app/(console)/tenants/[tenantId]/qrcode-jump/actions";

const SCOPES: QrJumpScope[] = ["develop", "trial", "release"];
const selectClass = "h-9 rounded-md border border-input bg-transparent px-3 text-sm shadow-xs focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring";

/**
 * Add a rule, or edit an unpublished one (`rule` given: its prefix is fixed). The form checks the prefix and the
 * test links with the same matcher the server and the platform's emulator use, so a link refused here is one the
 * platform refuses (85068), and the server checks again.
 */
export function QrJumpRuleForm({ tenantId, pages, rule, onDone }: { tenantId: string; pages: string[] | null; rule?: QrJumpRule; onDone?: () => void }) {
  const t = useTranslations("qrJump");
  const tv = useTranslations("validation");
  const { run, pending, fieldErrors, formError } = useAction();
  const [prefix, setPrefix] = useState(rule?.prefix ?? "");
  const [path, setPath] = useState(rule?.path ?? pages?.[0] ?? "");
  const [scope, setScope] = useState<QrJumpScope>(rule?.scope ?? "develop");
  const [exclusive, setExclusive] = useState(rule?.exclusive ?? false);
  const [debugText, setDebugText] = useState(rule?.debugUrls.join("\n") ?? "");
  const [checked, setChecked] = useState(false);

  const debugUrls = debugText.split("\n").map((s) => s.trim()).filter(Boolean);
  const prefixOk = isRulePrefix(prefix.trim());
  const outside = prefixOk ? debugUrlsOutsideRule(prefix.trim(), debugUrls) : [];
  const debugProblem =
    debugUrls.length > QR_JUMP_DEBUG_URL_MAX
      ? t("errors.tooManyDebugUrls", { max: QR_JUMP_DEBUG_URL_MAX })
      : outside.length > 0
        ? t("errors.debugUrlOutside", { url: debugUrls[outside[0]!]!, prefix: prefix.trim() })
        : null;
  const local = {
    prefix: checked && !prefixOk ? [tv("qrJumpPrefix")] : undefined,
    path: checked && !path.trim() ? [tv("required")] : undefined,
    debugUrls: checked && debugProblem ? [debugProblem] : undefined,
  };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setChecked(true);
    if (!prefixOk || !path.trim() || debugProblem) return;
    run(() => saveQrJumpRuleAction({ tenantId, prefix: prefix.trim(), path: path.trim(), scope, exclusive, debugUrls, edit: Boolean(rule) }), {
      success: (d) => t("form.saved", d),
      onSuccess: () => onDone?.(),
    });
  }

  const id = rule ? "qr-edit" : "qr-add";
  return (
    <form onSubmit={submit} className="grid gap-3" noValidate aria-label={rule ? t("form.editTitle", { prefix: rule.prefix }) : t("form.addTitle")}>
      <FormField id={`${id}-prefix`} label={t("form.prefix")} errors={local.prefix ?? fieldErrors?.prefix}>
        {(props) => <Input {...props} value={prefix} readOnly={Boolean(rule)} onChange={(e) => setPrefix(e.target.value)} placeholder="https://shop.example.com/qr/" />}
      </FormField>
      <FormField id={`${id}-path`} label={t("form.path")} errors={local.path ?? fieldErrors?.path}>
        {(props) =>
          pages && pages.length > 0 ? (
            <select {...props} className={selectClass} value={path} onChange={(e) => setPath(e.target.value)}>
              {[...new Set([...(path && !pages.includes(path) ? [path] : []), ...pages])].map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          ) : (
            <Input {...props} value={path} onChange={(e) => setPath(e.target.value)} placeholder="pages/index/index" />
          )
        }
      </FormField>
      <FormField id={`${id}-scope`} label={t("form.scope")} errors={fieldErrors?.scope}>
        {(props) => (
          <select {...props} className={selectClass} value={scope} onChange={(e) => setScope(e.target.value as QrJumpScope)}>
            {SCOPES.map((s) => (
              <option key={s} value={s}>
                {t(`scope.${s}`)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={exclusive} onChange={(e) => setExclusive(e.target.checked)} />
        {t("form.exclusive")}
      </label>
      <FormField id={`${id}-debug`} label={t("form.debugUrls", { max: QR_JUMP_DEBUG_URL_MAX })} hint={t("form.debugUrlsHelp")} errors={local.debugUrls ?? fieldErrors?.debugUrls}>
        {(props) => (
          <textarea {...props} rows={3} className="rounded-md border border-input bg-transparent px-3 py-2 font-mono text-sm shadow-xs" value={debugText} onChange={(e) => setDebugText(e.target.value)} />
        )}
      </FormField>
      {formError ? (
        <p role="alert" className="text-sm text-destructive">
          {formError}
        </p>
      ) : null}
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {rule ? t("form.save") : t("form.add")}
        </Button>
        {onDone ? (
          <Button type="button" variant="outline" onClick={onDone}>
            {t("form.cancel")}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
