import { z } from "zod";
import { JOB_KINDS, TENANT_STATUSES, AUDIT_STATES, type JobKind } from "@/lib/vocab";

/**
 * What the operator gives a bulk job, per kind, validated once at preflight and again at the start (the job keeps
 * the parsed value). Pure: the job dialog imports the same schemas. Messages are catalog keys ("validation.*").
 */

const INVALID = "validation.invalid";
const REQUIRED = "validation.required";

export const commitParams = z.object({
  templateId: z.coerce.number(INVALID).int(INVALID).positive(REQUIRED),
  /** Empty: the template's own user_version. */
  userVersion: z.string().trim().max(64, "validation.tooLong").default(""),
  userDesc: z.string().trim().max(200, "validation.tooLong").default(""),
  /** The ext_json as typed, with its {{variables}}: rendered per tenant. */
  extJson: z.string().max(200_000, "validation.tooLong"),
  /**
   * A template id per platform account (templates are each account's own: a job across a WeChat and a Baidu account
   * names one of each); an account not listed uses `templateId`.
   */
  templates: z.record(z.uuid(INVALID), z.coerce.number(INVALID).int(INVALID).positive(REQUIRED)).default({}),
});

/** The template a tenant of this platform account commits. */
export const templateIdFor = (commit: Pick<z.output<typeof commitParams>, "templateId" | "templates">, accountId: string): number =>
  commit.templates[accountId] ?? commit.templateId;

export const submitParams = z.object({
  /** The audit profile mapped onto each tenant's own categories and pages. */
  profileId: z.uuid(REQUIRED),
  /** The operator confirms the APIs the privacy scan lists as not configured are not used. */
  privacyApiNotUse: z.boolean().default(false),
  /**
   * For platforms whose submission is a text (Baidu: no item_list to map the profile onto): the audit description
   * (`content`) and the note (`remark`). Empty: the profile's version description and feedback.
   */
  content: z.string().trim().max(500, "validation.tooLong").default(""),
  remark: z.string().trim().max(500, "validation.tooLong").default(""),
});

export const GRAY_AFTER = ["none", "release", "gray"] as const;

export const grayParams = z.object({
  percentage: z.coerce.number(INVALID).int(INVALID).min(1, INVALID).max(100, INVALID),
  membersFirst: z.boolean().default(false),
  testersFirst: z.boolean().default(false),
});

export const pipelineParams = z
  .object({
    commit: commitParams,
    submit: submitParams,
    /** Park until the audit is decided (no worker held meanwhile); required for `after` release/gray. */
    waitAudit: z.boolean().default(false),
    after: z.enum(GRAY_AFTER).default("none"),
    gray: grayParams.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.after !== "none" && !value.waitAudit) ctx.addIssue({ code: "custom", path: ["waitAudit"], message: INVALID });
    if (value.after === "gray" && !value.gray) ctx.addIssue({ code: "custom", path: ["gray", "percentage"], message: REQUIRED });
  });

export const jobParamsSchemas = {
  commit: commitParams,
  submit: submitParams,
  pipeline: pipelineParams,
  release: z.object({}),
  gray: grayParams,
  cancel_gray: z.object({}),
  /** Back to the previous released version. */
  rollback: z.object({}),
  visit_status: z.object({ open: z.boolean() }),
  base_library: z.object({ version: z.string().trim().regex(/^\d+\.\d+\.\d+$/, INVALID) }),
  refresh_versions: z.object({}),
} satisfies Record<JobKind, z.ZodType>;

export type JobParams = { [K in JobKind]: z.output<(typeof jobParamsSchemas)[K]> };

/** The fleet's filters (the tenant list's plus what the snapshots know): the selection "all N matching" uses them. */
export const fleetFilterSchema = z.object({
  q: z.string().trim().max(100).optional(),
  status: z.enum(TENANT_STATUSES).optional(),
  tag: z.string().trim().max(64).optional(),
  accountId: z.uuid().optional(),
  auditState: z.enum(AUDIT_STATES).optional(),
  trialTemplateId: z.coerce.number().int().positive().optional(),
  liveTemplateId: z.coerce.number().int().positive().optional(),
  /** Only tenants in a gray roll-out. */
  gray: z.boolean().optional(),
  /** Drift: the live version is not this template (or nothing is live). */
  driftFrom: z.coerce.number().int().positive().optional(),
});
export type FleetFilter = z.output<typeof fleetFilterSchema>;

/** Which tenants: picked ids, or everything a filter matches (resolved on the server when the job starts), minus some. */
export const selectionSchema = z.union([
  z.object({ tenantIds: z.array(z.uuid()).min(1, REQUIRED).max(50_000) }),
  z.object({ filter: fleetFilterSchema, except: z.array(z.uuid()).max(50_000).default([]) }),
]);
export type TenantSelection = z.output<typeof selectionSchema>;

export const jobInputSchema = z.object({
  kind: z.enum(JOB_KINDS),
  params: z.unknown(),
  selection: selectionSchema,
});

/** Starting beyond the audit quota needs an explicit choice: submit for the first N only (the rest skipped). */
export const quotaChoiceSchema = z.object({ firstN: z.number().int().min(0) }).optional();
