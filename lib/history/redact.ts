/**
 * Removes secrets from anything written to the history or logs: tokens, secrets, passwords, tickets,
 * keys and one-time authorization codes. Pure, so it is unit-tested and usable anywhere.
 */
const SECRET_KEY = /(token|secret|password|passwd|ticket|aes_?key|encodingaeskey|signature|cookie)/i;
// One-time codes by name (auth_code, pre_auth_code, AuthorizationCode, PreAuthCode), but not their expiry times.
const CODE_KEY = /(auth_?code|authorization_?code)$/i;
// errcode/errmsg are answers, not secrets.
const ALLOWED = new Set(["errcode", "errmsg", "expires_in"]);
export const REDACTED = "[redacted]";

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 12) return REDACTED;
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, inner]) => [
        key,
        !ALLOWED.has(key.toLowerCase()) && (SECRET_KEY.test(key) || CODE_KEY.test(key)) ? REDACTED : redact(inner, depth + 1),
      ]),
    );
  }
  if (typeof value === "string") return redactUrl(value);
  return value;
}

/** Query strings carry tokens too: `?access_token=…`. */
export function redactUrl(text: string): string {
  return text.replace(
    /([?&](?:component_)?(?:access_token|authorizer_access_token|refresh_token|pre_auth_code|auth_code)=)[^&\s"]+/gi,
    `$1${REDACTED}`,
  );
}
