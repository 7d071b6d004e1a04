"use client";

import { useMenuButton } from "@/lib/hooks/use-menu-button";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { ChevronDown, QrCode } from "lucide-react";
import { MAX_IDS_IN_URL, STASH_KEY, wizardHref } from "@/components/jobs/fleet-query";
import { Button } from "@/components/ui/button";
import type { TenantSelection } from "@/lib/jobs/params";
import { JOB_KINDS } from "@/lib/vocab";

const stash = (value: string) => window.sessionStorage.setItem(STASH_KEY, value);

/**
 * The selection bar's "Actions": one bulk job per kind (operators), each opening the job wizard with the selection,
 * and the QR wall for a pick of at most 200. A WAI-ARIA menu button
 * (lib/hooks/use-menu-button.ts, shared with the account menu).
 */
export function ActionsMenu({ selection, canOperate }: { selection: TenantSelection; canOperate: boolean }) {
  const t = useTranslations("jobs");
  const router = useRouter();
  const { open, setOpen, rootProps, buttonProps, menuProps } = useMenuButton();

  const picked = "tenantIds" in selection ? selection.tenantIds : null;
  const qrOk = picked !== null && picked.length <= MAX_IDS_IN_URL;
  const item = "flex w-full cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-left text-sm outline-none hover:bg-muted focus:bg-muted aria-disabled:cursor-not-allowed aria-disabled:opacity-50";

  return (
    <div {...rootProps} className="relative">
      <Button {...buttonProps} data-testid="selection-actions">
        {t("selection.actions")}
        <ChevronDown aria-hidden />
      </Button>
      {open ? (
        <div {...menuProps} aria-label={t("selection.actionsMenu")} className="absolute bottom-full right-0 z-50 mb-1.5 max-h-[70vh] min-w-60 overflow-y-auto rounded-md border border-border bg-card p-1 shadow-md">
          {canOperate
            ? JOB_KINDS.map((kind) => (
                <button
                  key={kind}
                  role="menuitem"
                  tabIndex={-1}
                  type="button"
                  className={item}
                  onClick={() => {
                    setOpen(false);
                    router.push(wizardHref(kind, selection, stash));
                  }}
                >
                  {t(`kinds.${kind}`)}
                </button>
              ))
            : null}
          {canOperate ? <div role="separator" className="my-1 h-px bg-border" /> : null}
          {qrOk ? (
            <Link role="menuitem" tabIndex={-1} className={item} href={`/fleet/qr-wall?ids=${picked.join(",")}`} onClick={() => setOpen(false)}>
              <QrCode className="size-4" aria-hidden />
              {t("selection.qrWall")}
            </Link>
          ) : (
            <span role="menuitem" tabIndex={-1} aria-disabled="true" className={item} title={t("selection.qrWallLimit", { max: MAX_IDS_IN_URL })}>
              <QrCode className="size-4" aria-hidden />
              {t("selection.qrWall")}
              <span className="sr-only">{t("selection.qrWallLimit", { max: MAX_IDS_IN_URL })}</span>
            </span>
          )}
        </div>
      ) : null}
    </div>
  );
}
