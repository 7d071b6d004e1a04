/** The one result type of every server action. Pure: used by client components too. */
export type FieldErrors = Record<string, string[]>;
/**
 * `code`: set when a platform refused (its own number, e.g. WeChat's errcode; null when it could not be reached), so
 * a page can react to a particular refusal; `error` then already reads "code — meaning" in the operator's language.
 * `rid`: the platform's id of that refused request, so the person can look up what the platform saw (quota page).
 */
export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: string; fieldErrors?: FieldErrors; code?: number | null; rid?: string | null };
