import type { ReactNode } from "react";
import { cn } from "@/lib/utils/cn";

/** A form-level message, announced to screen readers. */
export function FormAlert({ children, tone = "error" }: { children: ReactNode; tone?: "error" | "success" }) {
  return (
    <div
      role="alert"
      className={cn(
        "rounded-md border px-3 py-2 text-sm",
        tone === "error" ? "border-destructive/30 bg-destructive/5 text-destructive" : "border-success/30 bg-accent text-success",
      )}
    >
      {children}
    </div>
  );
}
