/** An expected failure: returned to the caller as `{ ok: false }` by the action wrapper, never thrown past it. */
export class ActionError extends Error {
  constructor(
    readonly messageKey: string,
    readonly fieldErrors?: Record<string, string>,
    readonly values?: Record<string, string | number>,
  ) {
    super(messageKey);
    this.name = "ActionError";
  }
}
