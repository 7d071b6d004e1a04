"use client";

import { useEffect, useState } from "react";

/**
 * The current time, ticking; null during the server render and hydration, so relative times ("31 seconds ago",
 * "in 4 minutes") are only computed in the browser and the server's HTML never disagrees with it.
 */
export function useNow(everyMs: number) {
  const [now, setNow] = useState<Date | null>(null);
  useEffect(() => {
    const tick = () => setNow(new Date());
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, everyMs);
    return () => (clearTimeout(first), clearInterval(timer));
  }, [everyMs]);
  return now;
}
