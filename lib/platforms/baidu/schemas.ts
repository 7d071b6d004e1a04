import { z } from "zod";
import { INVALID, REQUIRED, TOO_LONG, charCount } from "@/lib/platforms/wechat/schemas/common";

/**
 * Input and answer schemas of the Baidu endpoints (./endpoints.ts). Pure: forms may reuse the input limits. Inputs
 * carry the documented limits; answers are loose objects (a field Baidu adds later never breaks a call) and accept
 * both spellings where the documents disagree with themselves (ids as numbers or digit strings).
 */

const text = z.string({ error: (i) => (i.input === undefined ? REQUIRED : INVALID) });
const required = text.min(1, REQUIRED);
const maxChars = (max: number) => required.refine((s) => charCount(s) <= max, { message: TOO_LONG, params: { maximum: max } });

/** An id the platform names: a positive integer, sent as its digits. */
const idInput = z.union([z.number().int().positive(), z.string().regex(/^\d{1,19}$/)], { error: INVALID }).transform(String);

/** An id in an answer: the documents show both `"package_id": 1` and the type "string". */
export const idAnswer = z.union([z.number().int(), z.string().regex(/^-?\d+$/).transform(Number)]);
/** A count or status some answers send as digits. */
const num = idAnswer;
/** A time as the documents show it: "2018/09/04 17:13:59" (Beijing time), or seconds since 1970. */
const timeAnswer = z.union([z.number(), z.string()]).optional();

// ── the platform's own calls ──

export const tpTokenInput = z.object({ client_id: required, ticket: required });
export const tpTokenData = z.looseObject({ access_token: z.string().min(1), expires_in: num, scope: z.string().optional() });

export const preAuthCodeData = z.looseObject({ pre_auth_code: z.string().min(1), expires_in: num.optional() });

export const exchangeCodeInput = z.object({ code: required });
export const refreshTokenInput = z.object({ refresh_token: required });
/** The OAuth endpoints answer the pair bare, without the errno envelope. */
export const oauthTokenAnswer = z.looseObject({ access_token: z.string().min(1), refresh_token: z.string().min(1), expires_in: num });

export const appIdInput = z.object({ app_id: idInput });
export const authorizationCodeData = z.looseObject({ authorization_code: z.string().min(1), expires_in: num.optional() });

const pageInput = z.object({ page: z.number().int().min(1).default(1), page_size: z.number().int().min(1).max(100).default(100) });
export const draftListInput = pageInput;
export const templateListInput = pageInput;
const upload = { user_version: z.string().default(""), user_desc: z.string().default(""), create_time: timeAnswer };
export const draftListData = z.looseObject({
  count: num.default(0),
  list: z.array(z.looseObject({ draft_id: idAnswer, ...upload })).nullish().transform((l) => l ?? []),
});
export const templateListData = z.looseObject({
  count: num.default(0),
  list: z.array(z.looseObject({ template_id: idAnswer, ...upload })).nullish().transform((l) => l ?? []),
});
/** The template's description: at most 30 characters (reference §8.3). */
export const addToTemplateInput = z.object({ draft_id: idInput, user_desc: maxChars(30) });
export const addToTemplateData = z.looseObject({ template_id: idAnswer }).optional();
export const deleteTemplateInput = z.object({ template_id: idInput });

// ── one smart program's calls ──

/** app/info: the fields the console keeps; the rest stays in the history. status: -1 banned, 1 normal, 2 auditing, 4 paused, 5 forced offline. */
export const appInfoData = z.looseObject({
  app_id: idAnswer,
  app_name: z.string().default(""),
  app_key: z.string().optional(),
  photo_addr: z.string().nullish(),
  qualification: z.looseObject({ name: z.string().optional() }).nullish(),
  status: num.optional(),
});

/**
 * ext_json: the document's table says "string", its text says "json". It is sent as the JSON text; it must be an
 * object with `extEnable` (boolean) and `extAppid` (documented as int, its example a string: both accepted).
 */
const extJson = required.superRefine((value, ctx) => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    ctx.addIssue({ code: "custom", message: INVALID });
    return;
  }
  const o = parsed as Record<string, unknown>;
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) ctx.addIssue({ code: "custom", message: INVALID });
  else if (typeof o.extEnable !== "boolean") ctx.addIssue({ code: "custom", message: REQUIRED, path: ["extEnable"] });
  else if (!(typeof o.extAppid === "number" || (typeof o.extAppid === "string" && o.extAppid !== "")))
    ctx.addIssue({ code: "custom", message: REQUIRED, path: ["extAppid"] });
});

export const uploadInput = z.object({ template_id: idInput, ext_json: extJson, user_version: required, user_desc: required });
/** submitaudit: all three documented as required; `content` is the audit description, `remark` a note. */
export const submitAuditInput = z.object({ package_id: idInput, content: required, remark: required });
export const packageIdInput = z.object({ package_id: idInput });
/** getdetail: by status (`type`, default the online package) or by `package_id`. */
export const packageDetailInput = z.object({ type: z.number().int().optional(), package_id: idInput.optional() });

/** One package as package/get and getdetail answer it. `upload_status` 1 uploading, 3 failed; absent: uploaded. */
export const packageAnswer = z.looseObject({
  package_id: idAnswer.optional(),
  version: z.string().default(""),
  version_desc: z.string().default(""),
  remark: z.union([z.string(), z.number()]).nullish(),
  msg: z.string().nullish(),
  committer: z.string().nullish(),
  status: num.optional(),
  commit_time: timeAnswer,
  rollback_version: z.string().nullish(),
  upload_status: num.optional(),
  upload_status_desc: z.string().nullish(),
});
export type BaiduPackage = z.output<typeof packageAnswer>;
export const packageListData = z.array(packageAnswer).nullish().transform((l) => l ?? []);

/** auditquota (the SDK's model, not in the seed): the quota's kind, its size and what is left. */
export const auditQuotaData = z.looseObject({ quota_type: num.optional(), quota_times: num, remain_times: num });

/** Calls whose `data` says nothing the console needs. */
export const anyData = z.unknown();
