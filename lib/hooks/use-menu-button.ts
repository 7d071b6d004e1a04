"use client";

import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";

/**
 * A WAI-ARIA menu button's behaviour, shared by every hand-written menu (the account menu, the selection's Actions):
 * the first item takes focus on open; arrows move, Home / End jump, Escape closes and gives focus back to the button,
 * Tab or a pointer outside closes; ArrowDown on the closed button opens it. Spread `rootProps` on the wrapper,
 * `buttonProps` on the button and `menuProps` on the menu; items are `role="menuitem"` (aria-disabled ones skipped).
 */
export function useMenuButton() {
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

  return {
    open,
    setOpen,
    close: () => setOpen(false),
    rootProps: { ref: root, onKeyDown },
    buttonProps: {
      ref: button,
      type: "button" as const,
      "aria-haspopup": "menu" as const,
      "aria-expanded": open,
      "aria-controls": open ? menuId : undefined,
      onClick: () => setOpen((v) => !v),
      onKeyDown: (event: KeyboardEvent) => {
        if (event.key === "ArrowDown" && !open) {
          event.preventDefault();
          setOpen(true);
        }
      },
    },
    menuProps: { id: menuId, role: "menu" as const },
  };
}
