"use client";

import { useCallback, useEffect, useRef } from "react";
import { useRouter } from "next/navigation";

/**
 * Re-reads the page a few times over the next seconds: for a result that arrives by push a moment after the action
 * answered (a verify ticket after api_start_push_ticket). Calling it again restarts the burst.
 */
export function useRefreshBurst(afterMs: readonly number[]) {
  const router = useRouter();
  const timers = useRef<ReturnType<typeof setTimeout>[]>([]);
  useEffect(() => () => timers.current.forEach(clearTimeout), []);
  return useCallback(() => {
    timers.current.forEach(clearTimeout);
    timers.current = afterMs.map((ms) => setTimeout(() => router.refresh(), ms));
  }, [router, afterMs]);
}
