import "server-only";
import { errcodeMeaning } from "@/lib/platforms/wechat/errors";
import type { Locale } from "@/lib/vocab";

/**
 * What a code in the history means, in the reader's language. Every tenant is a WeChat mini-program today; when
 * Baidu lands, the row's platform (its tenant's account) picks the catalog here.
 */
export function historyErrorMeaning(errcode: number, locale: Locale): string {
  return errcodeMeaning(errcode)[locale];
}
