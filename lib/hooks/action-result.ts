import type { ActionResult } from "@/lib/actions/result";

/** What to do with one action's result besides the toast of its error. */
export type ResultHandling<T> = {
  /** The success toast's text; without it a success is not toasted (the page shows it, or leaves). */
  success?: (data: T) => string;
  /** Empty the form after a success (something was created; the next one starts from blank fields). */
  reset?: boolean;
  /** After a success, before the page is re-read: close a dialog, show the created link… */
  onSuccess?: (data: T, form: HTMLFormElement | null) => void;
};

export type ResultSteps = { toast: { kind: "success" | "error"; text: string } | null; reset: boolean; settle: boolean };

/**
 * The decision behind useAction, pure so it is tested without a browser: a toast for every result (the success
 * text, or the error unless the form shows errors only in place), the form emptied only after a success, and the
 * page re-read after a success or a refusal (a platform refusal may have changed the tenant's status) but not after
 * a validation failure (nothing was done).
 */
export function resultSteps<T>(result: ActionResult<T>, handling: ResultHandling<T>, options: { toastErrors: boolean; settle: boolean }): ResultSteps {
  if (result.ok) {
    const text = handling.success?.(result.data);
    return { toast: text ? { kind: "success", text } : null, reset: Boolean(handling.reset), settle: options.settle };
  }
  return {
    toast: options.toastErrors ? { kind: "error", text: result.error } : null,
    reset: false,
    settle: options.settle && !result.fieldErrors,
  };
}

/** The quota page's look-up for a rid; on a tenant's page the rid was answered to that tenant. */
export function ridLookupHref(rid: string, pathname: string): string {
  const tenant = /^\/tenants\/([0-9a-f-]{36})(\/|$)/.exec(pathname)?.[1];
  return `/quota?${new URLSearchParams({ rid, ...(tenant ? { tenant } : {}) })}#lookup`;
}
