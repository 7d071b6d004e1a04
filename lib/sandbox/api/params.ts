import { fail } from "../errors";

/** Body field readers: a missing required field or a wrong type is 47001 (data format error) like the platform. */
export function str(body: Record<string, unknown>, key: string, required = false): string | undefined {
  const value = body[key];
  if (value === undefined || value === null || value === "") {
    if (required) fail(47001, "data format error");
    return undefined;
  }
  if (typeof value !== "string") fail(47001, "data format error");
  return value as string;
}

export function int(
  body: Record<string, unknown>,
  key: string,
  options: { min?: number; max?: number; required?: boolean } = {},
): number | undefined {
  const value = body[key];
  if (value === undefined || value === null || value === "") {
    if (options.required) fail(47001, "data format error");
    return undefined;
  }
  const n = typeof value === "string" && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== "number" || !Number.isInteger(n)) fail(47001, "data format error");
  if ((options.min !== undefined && (n as number) < options.min) || (options.max !== undefined && (n as number) > options.max)) {
    fail(47001, "data format error");
  }
  return n as number;
}

export function bool(body: Record<string, unknown>, key: string): boolean | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") fail(47001, "data format error");
  return value as boolean;
}
