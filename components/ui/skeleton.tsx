import type { ComponentProps } from "react";
import { cn } from "@/lib/utils/cn";

export const Skeleton = ({ className, ...props }: ComponentProps<"div">) => (
  <div data-slot="skeleton" aria-hidden className={cn("animate-pulse rounded-md bg-muted", className)} {...props} />
);
