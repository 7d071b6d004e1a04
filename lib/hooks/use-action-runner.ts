"use client";

import { useCallback, useTransition } from "react";
import { toast } from "sonner";
import type { ActionResult } from "@/lib/actions/result";

/**
 * Runs a server action from a button or a select: a toast for every result, then `settle` (re-read the page or the
 * query) whether it worked or not, so what is shown matches the server. Returns `run` and a pending flag.
 */
export function useActionRunner(settle: () => void | Promise<void>) {
  const [pending, startTransition] = useTransition();
  const run = useCallback(
    <T,>(work: () => Promise<ActionResult<T>>, success: (data: T) => string, after?: () => void) =>
      startTransition(async () => {
        const result = await work();
        if (result.ok) {
          toast.success(success(result.data));
          after?.();
        } else toast.error(result.error);
        await settle();
      }),
    [settle],
  );
  return { run, pending };
}
