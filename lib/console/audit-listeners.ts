import "server-only";
import type { AuditState } from "@/lib/vocab";

/**
 * Who wants to know when an audit is decided: a small registry lib/console calls into, so that a module above it
 * (the bulk engine's parked items, lib/jobs) can react to an audit push at once without lib/console importing it.
 * Listeners run after the decision is stored; a listener that fails is logged, never the push's failure.
 */

export type AuditDecided = { tenantId: string; auditid: number; state: AuditState };
type Listener = (event: AuditDecided) => Promise<void> | void;

// On globalThis: dev reloads re-evaluate modules, and a listener registered twice would act twice.
const registry = globalThis as unknown as { __auditListeners?: Map<string, Listener> };
const listeners = () => (registry.__auditListeners ??= new Map());

/** Registers (or replaces) the listener under `name`; answers a function that removes it. */
export function onAuditDecided(name: string, listener: Listener): () => void {
  listeners().set(name, listener);
  return () => {
    if (listeners().get(name) === listener) listeners().delete(name);
  };
}

/** Tells every listener; waits for them, swallowing (and logging) their failures. */
export async function auditDecided(event: AuditDecided): Promise<void> {
  for (const [name, listener] of listeners()) {
    try {
      await listener(event);
    } catch (error) {
      console.error(`[audits] listener ${name} failed`, error);
    }
  }
}
