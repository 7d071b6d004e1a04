"use client";

import { useEffect } from "react";
import { useRouter } from "next/navigation";

/** Re-reads the server-rendered page every `everyMs` while `active` (the jobs list while any job is still running). */
export function AutoRefresh({ active, everyMs = 3000 }: { active: boolean; everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") router.refresh();
    }, everyMs);
    return () => clearInterval(timer);
  }, [active, everyMs, router]);
  return null;
}
