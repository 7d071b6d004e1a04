import { baiduFail } from "./errors";

/**
 * Reading a call's parameters (strings from a query or a form, any JSON value from a JSON body). Every refusal is
 * the documented 40001 naming the field. Pure.
 */

/** A text parameter; required unless `optional`, trimmed, at most `max` characters. */
export function textParam(params: Record<string, unknown>, name: string, options: { max: number; optional?: boolean; allowEmpty?: boolean }): string | undefined {
  const raw = params[name];
  if (raw === undefined || raw === null || (typeof raw === "string" && raw.trim() === "" && !options.allowEmpty)) {
    if (options.optional) return undefined;
    return baiduFail("invalidParam", `${name} is required`);
  }
  if (typeof raw !== "string" && typeof raw !== "number") return baiduFail("invalidParam", `${name} must be a string`);
  const value = String(raw).trim();
  if ([...value].length > options.max) baiduFail("invalidParam", `${name} is longer than ${options.max} characters`);
  return value;
}

/**
 * A positive integer id. The seed types ids both ways (package_id "string" in tables, numbers in examples): a
 * number and a string of digits are both accepted.
 */
export function idParam(params: Record<string, unknown>, name: string, options: { optional?: boolean } = {}): number | undefined {
  const raw = params[name];
  if (raw === undefined || raw === null || raw === "") {
    if (options.optional) return undefined;
    return baiduFail("invalidParam", `${name} is required`);
  }
  const text = typeof raw === "number" ? String(raw) : typeof raw === "string" ? raw.trim() : "";
  if (!/^\d{1,15}$/.test(text) || Number(text) <= 0) return baiduFail("invalidParam", `${name} must be a positive integer`);
  return Number(text);
}

/** `page` / `page_size` of the list APIs: defaults 1 and 10; page_size at most 100 (emulator choice). */
export function pageParams(params: Record<string, unknown>): { page: number; pageSize: number } {
  const page = idParam(params, "page", { optional: true }) ?? 1;
  const pageSize = idParam(params, "page_size", { optional: true }) ?? 10;
  if (pageSize > 100) baiduFail("invalidParam", "page_size must be at most 100");
  return { page, pageSize };
}
