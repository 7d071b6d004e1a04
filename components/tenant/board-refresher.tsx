"use client";

import { useEffect } from "react";
import { useRouter } from "next/navigation";

/** While an audit is under review the board is re-read now and then, so a decision shows without a reload. */
export function BoardRefresher({ everyMs = 20_000 }: { everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), everyMs);
    return () => clearInterval(timer);
  }, [router, everyMs]);
  return null;
}
