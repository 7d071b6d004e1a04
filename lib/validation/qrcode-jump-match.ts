/**
 * How WeChat matches a link against a QR-jump rule (reference §5, the mini-program guide "二维码跳转规则"), and which
 * prefixes it accepts. One module for the form, the console's server check and the sandbox: a link the form accepts
 * is one the platform accepts (a plain `startsWith` accepted "https://a.com/xy" for the rule "https://a.com/x",
 * which the platform refuses with 85068). Pure and dependency-free: the browser bundles it.
 */

/** The platform takes at most 5 test links per rule. */
export const QR_JUMP_DEBUG_URL_MAX = 5;
// No documented length limit; the same bound as every other URL field.
export const QR_JUMP_URL_MAX = 1024;

/**
 * A link matches a rule when it equals it, or continues with query parameters, or lies under it when the rule ends
 * with "/", or extends the rule's own parameters (parameters match by prefix). "https://a.com/x" matches neither
 * "https://a.com/xy" nor "https://a.com/x/1".
 */
export function linkMatchesRule(rule: string, link: string): boolean {
  if (!link.startsWith(rule)) return false;
  const rest = link.slice(rule.length);
  return rest === "" || rest.startsWith("?") || rule.endsWith("/") || rule.includes("?");
}

/**
 * Whether the platform accepts `prefix` as a rule (else 85066): an http(s) URL on a named host (rules need an
 * ICP-filed domain, so IP literals and bare hosts are refused, an assumption the sandbox shares), no credentials, no
 * fragment, no whitespace.
 */
export function isRulePrefix(prefix: string): boolean {
  if (prefix.length > QR_JUMP_URL_MAX || !/^https?:\/\/\S+$/.test(prefix)) return false;
  let url: URL;
  try {
    url = new URL(prefix);
  } catch {
    return false;
  }
  return (
    !url.username &&
    !url.password &&
    !url.hash &&
    url.hostname.includes(".") &&
    !/^\d+\.\d+\.\d+\.\d+$/.test(url.hostname) &&
    !url.hostname.startsWith("[")
  );
}

/** The host a rule's verification file must be served from (lower case, no port), or null for a bad prefix. */
export function ruleHost(prefix: string): string | null {
  try {
    return new URL(prefix).hostname.toLowerCase();
  } catch {
    return null;
  }
}

/** The indexes of the test links the platform would refuse for `prefix` (85068), too long ones included. */
export function debugUrlsOutsideRule(prefix: string, urls: readonly string[]): number[] {
  return urls.flatMap((url, i) => (url.length > QR_JUMP_URL_MAX || !linkMatchesRule(prefix, url) ? [i] : []));
}
