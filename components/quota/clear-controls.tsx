"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { RotateCcw } from "lucide-react";
import { clearAccountQuotaAction, clearTenantQuotaAction } from "@/app/(console)/quota/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Select } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useAction } from "@/lib/hooks/use-action";

type TenantOption = { id: string; name: string };

/** Each reset spends one of a monthly allowance the platform never gives back: both ask first; viewers see why not. */
export function ClearControls({ accountId, tenants, limit, left, disabledReason }: { accountId: string; tenants: TenantOption[]; limit: number; left: number; disabledReason?: string }) {
  const t = useTranslations("quota.clear");
  const { run, pending } = useAction();
  const [tenantId, setTenantId] = useState(tenants[0]?.id ?? "");
  const blocked = pending || Boolean(disabledReason);
  const accountButton = (
    <Button variant="outline" disabled={blocked || left <= 0} title={disabledReason}>
      <RotateCcw aria-hidden />
      {t("account")}
    </Button>
  );
  const tenantButton = (
    <Button variant="outline" disabled={blocked || !tenantId} title={disabledReason}>
      <RotateCcw aria-hidden />
      {t("tenant")}
    </Button>
  );
  return (
    <div className="grid gap-4">
      <div>
        {blocked || left <= 0 ? (
          accountButton
        ) : (
          <ConfirmDialog
            trigger={accountButton}
            title={t("account")}
            description={t("accountConfirm", { limit })}
            confirmLabel={t("confirm")}
            cancelLabel={t("cancel")}
            onConfirm={() => run(() => clearAccountQuotaAction({ accountId }), { success: (d) => t("doneLeft", { left: d.left }) })}
          />
        )}
      </div>
      {tenants.length > 0 ? (
        <div className="flex flex-wrap items-end gap-2">
          <div className="grid gap-1.5">
            <Label htmlFor="clear-tenant">{t("tenantLabel")}</Label>
            <Select id="clear-tenant" value={tenantId} onChange={(e) => setTenantId(e.target.value)} disabled={Boolean(disabledReason)}>
              {tenants.map((tenant) => (
                <option key={tenant.id} value={tenant.id}>
                  {tenant.name}
                </option>
              ))}
            </Select>
          </div>
          {blocked || !tenantId ? (
            tenantButton
          ) : (
            <ConfirmDialog
              trigger={tenantButton}
              title={t("tenant")}
              description={t("tenantConfirm")}
              confirmLabel={t("confirm")}
              cancelLabel={t("cancel")}
              onConfirm={() => run(() => clearTenantQuotaAction({ accountId, tenantId }), { success: () => t("done") })}
            />
          )}
        </div>
      ) : null}
    </div>
  );
}
