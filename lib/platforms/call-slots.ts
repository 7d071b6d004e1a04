import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Call slots: a bound on the platform calls in flight, set by whoever runs the work (a bulk worker, per account)
 * and honoured by both platforms' HTTP layers for each request they send — including a token refresh that the work
 * triggers. One slot is one HTTP exchange: the history row written after it, and any wait between retries, hold
 * none. Outside such work (a page's own calls) there is no bound here.
 */

/** Runs one HTTP exchange in a slot; resolves with its answer. */
export type CallSlot = <T>(exchange: () => Promise<T>) => Promise<T>;

const current = new AsyncLocalStorage<CallSlot>();

/** Runs `work` with every platform call it makes (however deep) passing through `slot`. */
export function withCallSlot<T>(slot: CallSlot | undefined, work: () => Promise<T>): Promise<T> {
  return slot ? current.run(slot, work) : work();
}

/** Sends one HTTP exchange through the current work's slot, if any. */
export function inCallSlot<T>(exchange: () => Promise<T>): Promise<T> {
  const slot = current.getStore();
  return slot ? slot(exchange) : exchange();
}
