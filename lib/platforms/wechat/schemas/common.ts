import { z } from "zod";
import { PlatformError } from "@/lib/platforms/port";

/**
 * Shared pieces of the request/response schemas. Pure (no server-only import): forms reuse the request schemas to
 * show the same limits the client enforces. Messages are i18n catalog keys (`validation.*`) so the action wrapper
 * and forms can translate them; the zod issue keeps the numbers (maximum, minimum) for a more precise text.
 */

export const REQUIRED = "validation.required";
export const TOO_LONG = "validation.tooLong";
export const INVALID = "validation.invalid";

/** Limits are counted in characters (code points), not UTF-16 units or bytes: most texts here are Chinese. */
export const charCount = (s: string) => [...s].length;

/** A missing field says "required", a present one of the wrong type "invalid". */
const typeError = { error: (issue: { input?: unknown }) => (issue.input === undefined ? REQUIRED : INVALID) };

export const maxChars = (max: number) =>
  z.string(typeError).refine((s) => charCount(s) <= max, { message: TOO_LONG, params: { maximum: max } });

export const requiredText = (max?: number) => {
  const base = z.string(typeError).min(1, REQUIRED);
  return max === undefined ? base : base.refine((s) => charCount(s) <= max, { message: TOO_LONG, params: { maximum: max } });
};

export const int = (min: number, max?: number) => {
  const base = z.number(typeError).int(INVALID).min(min, INVALID);
  return max === undefined ? base : base.max(max, INVALID);
};

/**
 * Mini-program / platform appids. Real ones are `wx` + 16 hex digits, but imported and demo accounts may carry
 * other shapes, so only the alphabet and length are checked (as the sandbox's control surface does).
 */
export const appid = z.string(typeError).regex(/^[A-Za-z0-9_-]{1,64}$/, INVALID);

export const httpUrl = z
  .string(typeError)
  .min(1, REQUIRED)
  .max(1024, TOO_LONG)
  .refine((s) => /^https?:\/\/\S+$/.test(s) && URL.canParse(s), INVALID);

/** Calls documented with no parameters take nothing; `{}` in the body where the platform insists on one. */
export const noInput = z.object({}).strict();

/**
 * Every /wxa-style answer: `errcode` 0 and `errmsg` "ok" (errors never reach a schema: wechatRequest throws them).
 * Loose objects keep fields the platform adds later, so a new field never breaks a call.
 */
export const okAnswer = z.looseObject({ errcode: z.number().optional(), errmsg: z.string().optional() });
export type OkAnswer = z.output<typeof okAnswer>;

/** A numeric field some answers send as a digit string (get_latest_auditstatus's auditid in older examples). */
export const numeric = z.union([z.number(), z.string().regex(/^-?\d+$/).transform(Number)]);

export type FieldErrors = Record<string, string[]>;

/**
 * The caller's input broke a documented limit: refused before any request (no token fetched, no upstream call, no
 * history row). `fieldErrors` is keyed by the dotted field path (`item_list.0.tag`), values are catalog keys (a form
 * shows them under its fields). A PlatformError of class "input" without a code: the platform was never asked.
 */
export class ClientInputError extends PlatformError {
  readonly fieldErrors: FieldErrors;

  constructor(
    readonly endpoint: string,
    readonly issues: z.core.$ZodIssue[],
  ) {
    const fieldErrors: FieldErrors = {};
    for (const issue of issues) (fieldErrors[issue.path.join(".") || "_"] ??= []).push(issue.message);
    const fields = Object.keys(fieldErrors).join(", ");
    const meaning = {
      "zh-CN": `请求未发送：以下字段不符合平台文档规定的限制：${fields}`,
      en: `Not sent: these fields break the platform's documented limits: ${fields}`,
    };
    super("wechat", null, "", meaning, "input", { path: endpoint });
    this.name = "ClientInputError";
    this.message = `${endpoint}: invalid input: ${issues.map((i) => `${i.path.join(".") || "(input)"} ${describeIssue(i)}`).join("; ")}`;
    this.fieldErrors = fieldErrors;
  }
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const params = (issue as { params?: { maximum?: number } }).params;
  if (params?.maximum !== undefined) return `${issue.message} (max ${params.maximum})`;
  if ("maximum" in issue) return `${issue.message} (max ${String(issue.maximum)})`;
  if ("minimum" in issue) return `${issue.message} (min ${String(issue.minimum)})`;
  return issue.message;
}

/**
 * The platform answered success with a body that does not have the documented shape: the answer is in the history
 * row; this is neither a refusal (no code) nor a transport failure, and retrying will not help.
 */
export class WeChatAnswerError extends PlatformError {
  constructor(
    readonly endpoint: string,
    readonly issues: z.core.$ZodIssue[],
  ) {
    const said = `unexpected answer: ${issues.map((i) => `${i.path.join(".") || "(answer)"} ${i.message}`).join("; ")}`;
    const meaning = {
      "zh-CN": `微信平台的应答与文档不符（${endpoint}），应答已记入操作历史。`,
      en: `WeChat answered ${endpoint} in a shape its documents do not describe; the answer is in the history.`,
    };
    super("wechat", null, said, meaning, "unknown", { path: endpoint });
    this.name = "WeChatAnswerError";
    this.message = `${endpoint}: ${said}`;
  }
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown, endpoint: string): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ClientInputError(endpoint, result.error.issues);
  return result.data;
}

export function parseAnswer<S extends z.ZodType>(schema: S, answer: unknown, endpoint: string): z.output<S> {
  const result = schema.safeParse(answer);
  if (!result.success) throw new WeChatAnswerError(endpoint, result.error.issues);
  return result.data;
}
