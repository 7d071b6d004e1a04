import type { ComponentProps } from "react";
import { cn } from "@/lib/utils/cn";

export const Card = ({ className, ...props }: ComponentProps<"div">) => (
  <div data-slot="card" className={cn("rounded-lg border border-border bg-card shadow-xs", className)} {...props} />
);
export const CardHeader = ({ className, ...props }: ComponentProps<"div">) => (
  <div data-slot="card-header" className={cn("flex flex-col gap-1 p-5 pb-3", className)} {...props} />
);
export const CardTitle = ({ className, ...props }: ComponentProps<"h2">) => (
  <h2 data-slot="card-title" className={cn("text-base font-semibold", className)} {...props} />
);
export const CardDescription = ({ className, ...props }: ComponentProps<"p">) => (
  <p data-slot="card-description" className={cn("text-sm text-muted-foreground", className)} {...props} />
);
export const CardContent = ({ className, ...props }: ComponentProps<"div">) => (
  <div data-slot="card-content" className={cn("p-5 pt-0", className)} {...props} />
);
