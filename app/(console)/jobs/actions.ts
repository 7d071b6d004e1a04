"use server";

import { z } from "zod";
import { defineAction, ExpectedError } from "@/lib/actions";
import { revalidatePaths } from "@/lib/actions/revalidate";
import { selectionAccounts } from "@/lib/console/tenant-selection";
import { cancelJob, pauseJob, preflightJob, resumeJob, retryFailed, startJob } from "@/lib/jobs";
import { jobParamsSchemas, quotaChoiceSchema, selectionSchema, type JobParams, type TenantSelection } from "@/lib/jobs/params";
import { JOB_KINDS, type JobKind } from "@/lib/vocab";

/**
 * Bulk jobs: the wizard's preflight and start, and the job page's pause / resume / cancel / retry. Every one changes
 * (or, for the preflight, prepares a change of) many mini-programs, so operators and above only; viewers read the
 * same pages and change nothing. The kind's parameters are checked here first, so their errors come back next to
 * their fields (keys like "commit.templateId", "percentage") before the engine is asked anything.
 */

const input = z.object({
  kind: z.enum(JOB_KINDS, "validation.invalid"),
  params: z.unknown(),
  selection: selectionSchema,
});
const startInput = input.extend({ quotaChoice: quotaChoiceSchema });
const jobRef = z.object({ jobId: z.uuid("validation.invalid") });

/** The kind's parameters parsed, or an ExpectedError naming each field at fault (dotted path → validation key). */
function checkParams(kind: JobKind, params: unknown) {
  const parsed = jobParamsSchemas[kind].safeParse(params ?? {});
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string> = {};
  for (const issue of parsed.error.issues) fieldErrors[issue.path.join(".") || "params"] ??= issue.message;
  throw new ExpectedError("errors.invalidInput", fieldErrors);
}

/**
 * A commit across several platform accounts names a template for each (templates are each account's own: a WeChat
 * template id means nothing to a Baidu account). The engine would give an account left out `templateId`; from the
 * wizard that is a mistake, refused next to the account's field ("templates.<accountId>", under "commit." in a
 * pipeline). A selection within one account may rely on `templateId` alone.
 */
async function checkTemplates(kind: JobKind, params: JobParams[JobKind], selection: TenantSelection): Promise<void> {
  const commit = kind === "commit" ? (params as JobParams["commit"]) : kind === "pipeline" ? (params as JobParams["pipeline"]).commit : null;
  if (!commit) return;
  const accounts = await selectionAccounts(selection);
  if (accounts.length < 2) return;
  const prefix = kind === "pipeline" ? "commit." : "";
  const missing = accounts.filter((a) => !Object.hasOwn(commit.templates, a.accountId));
  if (missing.length) throw new ExpectedError("errors.invalidInput", Object.fromEntries(missing.map((a) => [`${prefix}templates.${a.accountId}`, "validation.required"])));
}

/** The kind's parameters checked (fields, then the templates the selection's accounts need). */
async function checkedParams(kind: JobKind, params: unknown, selection: TenantSelection) {
  const parsed = checkParams(kind, params);
  await checkTemplates(kind, parsed, selection);
  return parsed;
}

const actor = (user: { id: string }) => ({ id: user.id });

/**
 * The platform accounts the selection covers, for the wizard: a template select per account, and the text
 * submission's fields (content, remark) where an account's platform submits a text instead of pages and categories.
 */
export const selectionAccountsAction = defineAction({ role: "operator", schema: z.object({ selection: selectionSchema }) }, async ({ selection }) => selectionAccounts(selection));

export const preflightJobAction = defineAction({ role: "operator", schema: input }, async ({ kind, params, selection }, { user }) =>
  preflightJob({ kind, params: await checkedParams(kind, params, selection), selection }, actor(user)),
);

export const startJobAction = defineAction({ role: "operator", schema: startInput }, async ({ kind, params, selection, quotaChoice }, { user }) => {
  const started = await startJob({ kind, params: await checkedParams(kind, params, selection), selection, ...(quotaChoice ? { quotaChoice } : {}) }, actor(user));
  revalidatePaths("/jobs");
  return started;
});

/** One job control: run it, then have the list and the job's page re-read. */
const control = <T>(run: (jobId: string, who: { id: string }) => Promise<T>) =>
  defineAction({ role: "operator", schema: jobRef }, async ({ jobId }, { user }) => {
    try {
      return (await run(jobId, actor(user))) ?? null;
    } finally {
      revalidatePaths("/jobs", `/jobs/${jobId}`);
    }
  });

export const pauseJobAction = control(pauseJob);
export const resumeJobAction = control(resumeJob);
export const cancelJobAction = control(cancelJob);
export const retryFailedAction = control(retryFailed);
