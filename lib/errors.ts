/**
 * An expected failure: something a person can act on (a name already taken, a tenant the merchant unauthorized, a
 * platform refusal), as opposed to a bug. It lives here, not under lib/actions, because the console's rules throw it
 * and are called by server actions and by background jobs alike: an action returns it as `{ ok: false, error }`
 * (lib/actions), a job records it as the item's failure. Pure, so any layer may import it.
 *
 * `messageKey` is a catalog key (lib/i18n/messages), translated by whoever shows it, with `values` for its
 * placeholders; `fieldErrors` maps a form field to a `validation.*` key.
 */
export class ExpectedError extends Error {
  constructor(
    readonly messageKey: string,
    readonly fieldErrors?: Record<string, string>,
    readonly values?: Record<string, string | number>,
  ) {
    super(messageKey);
    this.name = "ExpectedError";
  }
}
