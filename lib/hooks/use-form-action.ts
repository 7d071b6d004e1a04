"use client";

import { useCallback, useState, useTransition, type FormEvent } from "react";
import type { ActionResult } from "@/lib/actions/result";

/**
 * Submits a form to a server action without React's automatic form reset, so a refused submission keeps
 * what the person typed and shows the errors next to it. Returns the last result and a pending flag.
 */
export function useFormAction<T>(action: (form: FormData) => Promise<ActionResult<T>>, onResult?: (result: ActionResult<T>, form: HTMLFormElement) => void) {
  const [state, setState] = useState<ActionResult<T> | null>(null);
  const [pending, startTransition] = useTransition();
  const onSubmit = useCallback(
    (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      const form = event.currentTarget;
      const data = new FormData(form);
      startTransition(async () => {
        const result = await action(data);
        setState(result);
        onResult?.(result, form);
      });
    },
    [action, onResult],
  );
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined;
  const formError = state && !state.ok && !fieldErrors ? state.error : undefined;
  return { state, pending, onSubmit, fieldErrors, formError };
}
