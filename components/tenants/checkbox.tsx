"use client";

import { useEffect, useRef, type ComponentProps } from "react";
import { cn } from "@/lib/utils/cn";

/** A native checkbox (keyboard and screen readers for free) with the "some selected" state a header box needs. */
export function Checkbox({ indeterminate = false, className, ...props }: Omit<ComponentProps<"input">, "type"> & { indeterminate?: boolean }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = indeterminate && !props.checked;
  }, [indeterminate, props.checked]);
  return <input ref={ref} type="checkbox" className={cn("size-4 cursor-pointer rounded border-input accent-primary align-middle", className)} {...props} />;
}
