import { describeCode, entryOf, type CodeDescription, type ErrorCatalog } from "@/lib/platforms/error-catalog";
import type { ErrorClass, ErrorLocale } from "@/lib/platforms/port";

/**
 * Baidu smart-program errno values, in their own namespace (Baidu's 40001 means "bad parameter", not "invalid
 * token"). Only codes the reference documents with a meaning are listed; the register API's 50016–50027 and 47008
 * are named there without meanings. Pure. The Baidu issue adds the rest of the platform around it.
 */
export const BAIDU_ERROR_CATALOG: ErrorCatalog = Object.freeze<ErrorCatalog>({
  40001: { class: "input", zh: "参数错误", en: "Invalid parameters (Baidu errno 40001)." },
  50032: {
    class: "permission",
    zh: "没有授权关系",
    en: "The smart program has not authorized this platform: the merchant must authorize it again.",
  },
});

export const describeBaiduErrno = (errno: number, locale: ErrorLocale): CodeDescription => describeCode(BAIDU_ERROR_CATALOG, errno, locale);

export const baiduErrorClassOf = (errno: number): ErrorClass => entryOf(BAIDU_ERROR_CATALOG, errno)?.class ?? "unknown";
