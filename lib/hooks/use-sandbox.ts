"use client";

import { useCallback } from "react";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import type { SandboxSnapshot } from "@/lib/sandbox/control-state";
import { useAction } from "./use-action";
import { fetchState, POLL_MS, STATE_KEY } from "./sandbox-state-query";

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

/** useAction for the Sandbox page: what it shows is the polled state, re-read at once instead of at the next poll. */
export function useSandboxAction() {
  const client = useQueryClient();
  const settle = useCallback(() => client.invalidateQueries({ queryKey: [STATE_KEY] }), [client]);
  return useAction({ settle });
}
