"use client";

import { useCallback, useEffect, useState } from "react";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import type { ActionResult } from "@/lib/actions/result";
import type { SandboxSnapshot } from "@/lib/sandbox/control-state";
import { useActionRunner } from "@/lib/hooks/use-action-runner";
import { useFormAction } from "@/lib/hooks/use-form-action";
import { fetchState, POLL_MS, STATE_KEY } from "./state-query";

/** Polls the sandbox state; the server-rendered snapshot is the first answer for the unfiltered view. */
export function useSandboxState(filter: string, initial: SandboxSnapshot) {
  return useQuery({
    queryKey: [STATE_KEY, filter],
    queryFn: ({ signal }) => fetchState(filter, signal),
    initialData: filter === "" ? initial : undefined,
    initialDataUpdatedAt: filter === "" ? Date.parse(initial.generated_at) : undefined,
    placeholderData: keepPreviousData,
    refetchInterval: POLL_MS,
  });
}

export function useDebounced<T>(value: T, ms = 300): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** Runs an action from a button: a toast for the result, then the state is re-read at once instead of at the next poll. */
export function useSandboxRun() {
  const client = useQueryClient();
  const settle = useCallback(() => client.invalidateQueries({ queryKey: [STATE_KEY] }), [client]);
  return useActionRunner(settle);
}

/** A form bound to an action: errors stay next to the fields, the result is toasted and the state re-read. */
export function useSandboxForm<T>(action: (form: FormData) => Promise<ActionResult<T>>, success: (data: T) => string, after?: (form: HTMLFormElement) => void) {
  const client = useQueryClient();
  const onResult = useCallback(
    (result: ActionResult<T>, form: HTMLFormElement) => {
      if (result.ok) {
        toast.success(success(result.data));
        after?.(form);
        void client.invalidateQueries({ queryKey: [STATE_KEY] });
      } else toast.error(result.error);
    },
    [client, success, after],
  );
  return useFormAction(action, onResult);
}
