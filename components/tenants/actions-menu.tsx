"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
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
 * and the QR wall for a pick of at most 200. A WAI-ARIA menu button written out by hand like the account menu:
 * arrows move, Home / End jump, Escape closes and gives focus back, Tab or a click outside closes.
 */
export function ActionsMenu({ selection, canOperate }: { selection: TenantSelection; canOperate: boolean }) {
  const t = useTranslations("jobs");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const items = () => Array.from(root.current?.querySelectorAll<HTMLElement>("[role=menuitem]:not([aria-disabled=true])") ?? []);

  useEffect(() => {
    if (!open) return;
    items()[0]?.focus();
    const away = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", away);
    return () => document.removeEventListener("pointerdown", away);
  }, [open]);

  const onKeyDown = (event: KeyboardEvent) => {
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLElement);
    if (event.key === "Escape") {
      setOpen(false);
      button.current?.focus();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      list[(at + (event.key === "ArrowDown" ? 1 : -1) + list.length) % list.length]?.focus();
    } else if (event.key === "Home" || event.key === "End") {
      event.preventDefault();
      list[event.key === "Home" ? 0 : list.length - 1]?.focus();
    } else if (event.key === "Tab") setOpen(false);
  };

  const picked = "tenantIds" in selection ? selection.tenantIds : null;
  const qrOk = picked !== null && picked.length <= MAX_IDS_IN_URL;
  const item = "flex w-full cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-left text-sm outline-none hover:bg-muted focus:bg-muted aria-disabled:cursor-not-allowed aria-disabled:opacity-50";

  return (
    <div ref={root} className="relative" onKeyDown={onKeyDown}>
      <Button
        ref={button}
        type="button"
        data-testid="selection-actions"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((v) => !v)}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown" && !open) {
            event.preventDefault();
            setOpen(true);
          }
        }}
      >
        {t("selection.actions")}
        <ChevronDown aria-hidden />
      </Button>
      {open ? (
        <div id={menuId} role="menu" aria-label={t("selection.actionsMenu")} className="absolute bottom-full right-0 z-50 mb-1.5 max-h-[70vh] min-w-60 overflow-y-auto rounded-md border border-border bg-card p-1 shadow-md">
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
