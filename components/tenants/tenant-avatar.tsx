"use client";

import { useEffect, useRef, useState } from "react";

/** The platform's avatar, or the name's first character when there is none or it does not load (CDN unreachable). */
export function TenantAvatar({ src, name }: { src: string | null; name: string }) {
  const [failed, setFailed] = useState(false);
  const ref = useRef<HTMLImageElement>(null);
  // An image that failed before hydration fired its error event before React listened.
  useEffect(() => {
    const img = ref.current;
    if (img?.complete && img.naturalWidth === 0) setFailed(true);
  }, []);
  if (src && !failed) {
    return (
      // eslint-disable-next-line @next/next/no-img-element -- avatars come from the platform's CDN, any host.
      <img ref={ref} src={src} alt="" className="size-8 shrink-0 rounded-md bg-muted object-cover" loading="lazy" onError={() => setFailed(true)} />
    );
  }
  return (
    <span className="grid size-8 shrink-0 place-items-center rounded-md bg-accent text-sm font-medium text-primary" aria-hidden>
      {name.slice(0, 1)}
    </span>
  );
}
