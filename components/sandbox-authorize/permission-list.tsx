import { getTranslations } from "next-intl/server";
import { Check } from "lucide-react";
import { isNamedPermissionSet } from "@/lib/sandbox/authorize-catalog";

/** The permission sets the platform will receive: category_id_list, or the default sets. */
export async function PermissionList({ ids, isDefault }: { ids: number[]; isDefault: boolean }) {
  const t = await getTranslations("sandboxAuthorize");
  return (
    <section aria-labelledby="permissions-title" className="mt-6">
      <div className="mb-2 flex items-baseline justify-between gap-2">
        <h2 id="permissions-title" className="text-sm font-semibold">
          {t("permissionsTitle")}
        </h2>
        <span className="text-xs text-muted-foreground">{isDefault ? t("permissionsDefault") : t("permissionsRequested")}</span>
      </div>
      <ul className="divide-y divide-border rounded-md border border-border">
        {ids.map((id) => (
          <li key={id} className="flex items-center gap-3 px-3 py-2 text-sm">
            <Check className="size-4 shrink-0 text-primary" aria-hidden />
            <span className="flex-1">{isNamedPermissionSet(id) ? t(`permission.p${id}`) : t("permission.other", { id })}</span>
            <span className="min-w-12 text-right font-mono text-xs text-muted-foreground">{t("permissionId", { id })}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
