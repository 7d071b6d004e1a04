import type { SandboxSnapshot } from "@/lib/sandbox/control-state";

/** The Sandbox page reads the state from the control surface (admin session), the same JSON scripts get. */
export const AUTHORIZERS_SHOWN = 50;
export const STATE_KEY = "sandbox-state";
export const POLL_MS = 3000;

export function stateUrl(filter: string) {
  const params = new URLSearchParams({ limit: String(AUTHORIZERS_SHOWN) });
  if (filter) params.set("q", filter);
  return `/sandbox/control/state?${params}`;
}

export async function fetchState(filter: string, signal?: AbortSignal): Promise<SandboxSnapshot> {
  const res = await fetch(stateUrl(filter), { signal, cache: "no-store", headers: { accept: "application/json" } });
  if (!res.ok) throw new Error(`sandbox state: HTTP ${res.status}`);
  return (await res.json()) as SandboxSnapshot;
}
