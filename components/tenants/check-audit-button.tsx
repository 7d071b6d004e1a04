"use client";

import { useTranslations } from "next-intl";
import { RefreshCw } from "lucide-react";
import { checkAuditAction } from "@/app/(console)/tenants/actions";
import { Button } from "@/components/ui/button";
import { useAction } from "@/lib/hooks/use-action";

/** Asks the platform now about an audit under review (instead of waiting for its push); the row re-reads after. */
export function CheckAuditButton({ tenantId, name }: { tenantId: string; name: string }) {
  const t = useTranslations("tenants.checkAudit");
  const { run, pending } = useAction();
  const check = () =>
    run(() => checkAuditAction({ tenantId }), {
      success: (d) => (d.checked === 0 ? t("nothing", { name: d.name }) : d.updated ? t("updated", { name: d.name }) : t("unchanged", { name: d.name })),
    });
  return (
    <Button variant="ghost" size="sm" className="h-7 justify-self-start px-2 text-xs" disabled={pending} aria-label={t("buttonOf", { name })} onClick={check}>
      <RefreshCw aria-hidden className={pending ? "animate-spin" : undefined} />
      {pending ? t("checking") : t("button")}
    </Button>
  );
}
