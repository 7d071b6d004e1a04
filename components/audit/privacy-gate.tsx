"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { LoaderCircle, ShieldAlert, ShieldCheck } from "lucide-react";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { usePrivacyScan } from "./queries";

/**
 * The privacy gate above the submit button: while the platform's scan runs (61039) it says so and re-checks by
 * itself; then the APIs without permission and without configuration. APIs not configured must be declared in
 * ext_json (Code tab) or declared unused here (`privacy_api_not_use`).
 */
export function PrivacyGate({
  tenantId,
  notUse,
  onNotUseChange,
  disabled,
}: {
  tenantId: string;
  notUse: boolean;
  onNotUseChange: (value: boolean) => void;
  disabled: boolean;
}) {
  const t = useTranslations("audit.privacy");
  const scan = usePrivacyScan(tenantId);

  if (scan.isPending) {
    return (
      <p className="flex items-center gap-2 text-sm text-muted-foreground" role="status">
        <LoaderCircle aria-hidden className="size-4 animate-spin" /> {t("loading")}
      </p>
    );
  }
  if (scan.isError) {
    return (
      <FormAlert>
        {t("error", { error: scan.error.message })}{" "}
        <Button variant="link" size="sm" className="h-auto p-0" onClick={() => void scan.refetch()}>
          {t("retry")}
        </Button>
      </FormAlert>
    );
  }
  const data = scan.data;
  if (data.scanning) {
    return (
      <p className="flex items-center gap-2 rounded-md border border-border bg-muted/40 p-3 text-sm" role="status" data-testid="privacy-scanning">
        <LoaderCircle aria-hidden className="size-4 animate-spin" /> {t("scanning")}
      </p>
    );
  }
  const clean = data.withoutPermission.length === 0 && data.withoutConfiguration.length === 0;
  if (clean) {
    return (
      <p className="flex items-center gap-2 text-sm text-muted-foreground" role="status" data-testid="privacy-clean">
        <ShieldCheck aria-hidden className="size-4 text-emerald-600" /> {t("clean")}
      </p>
    );
  }
  return (
    <div className="grid gap-3 rounded-md border border-amber-300 bg-amber-50/60 p-3 text-sm dark:bg-amber-950/20" data-testid="privacy-findings">
      <p className="flex items-center gap-2 font-medium">
        <ShieldAlert aria-hidden className="size-4 text-amber-600" /> {t("findings")}
      </p>
      {data.withoutPermission.length > 0 ? (
        <div>
          <p>{t("withoutPermission")}</p>
          <ul className="ml-5 list-disc font-mono text-xs">
            {data.withoutPermission.map((api) => (
              <li key={api}>{api}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {data.withoutConfiguration.length > 0 ? (
        <div className="grid gap-2">
          <p>{t("withoutConfiguration")}</p>
          <ul className="ml-5 list-disc font-mono text-xs">
            {data.withoutConfiguration.map((api) => (
              <li key={api}>{api}</li>
            ))}
          </ul>
          <p>
            {t("fixHint")}{" "}
            <Link className="underline" href={`/tenants/${tenantId}/code`}>
              {t("codeTab")}
            </Link>
          </p>
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={notUse} disabled={disabled} onChange={(e) => onNotUseChange(e.target.checked)} />
            {t("notUse")}
          </label>
        </div>
      ) : null}
    </div>
  );
}

/**
 * Whether the scan lets a submission go: only once it is done. APIs listed as not configured are warned about, not
 * blocked: the platform's own answer (61040, explained) is what tells the operator to declare them or tick the box.
 */
export function useScanDone(tenantId: string): boolean {
  const scan = usePrivacyScan(tenantId);
  return scan.data?.scanning === false;
}
