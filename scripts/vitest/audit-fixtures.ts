/**
 * Fixtures shared by the audit, release and audit-decision tests (vitest only; never imported by the app).
 * Trials are set directly in the state (commit is another module's concern); everything else goes over HTTP.
 */
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { decideAudit } from "@/lib/sandbox/audit-decision";
import { createAuthorizer, type NewAuthorizer } from "@/lib/sandbox/registry";
import type { PlatformRow } from "@/lib/sandbox/router";
import { sandboxAudits, sandboxPlatforms } from "@/lib/sandbox/schema";
import { patchState, type JsonAnswer, type SandboxHarness } from "./sandbox";
import type { SandboxCategory, TrialVersion } from "@/lib/sandbox/types";

/** The categories and pages the documents' submit_audit example (seeds/001 §5) refers to. */
export const DOC_CATEGORIES: SandboxCategory[] = [
  { first_class: "文娱", second_class: "资讯", first_id: 1, second_id: 2 },
  { first_class: "教育", second_class: "学历教育", third_class: "高等", first_id: 3, second_id: 4, third_id: 5 },
];
export const DOC_PAGES = ["index", "page/logs/logs"];

/** The documents' example request, verbatim. */
export const DOC_SUBMIT = {
  item_list: [
    { address: "index", tag: "学习 生活", first_class: "文娱", second_class: "资讯", first_id: 1, second_id: 2, title: "首页" },
    {
      address: "page/logs/logs",
      tag: "学习 工作",
      first_class: "教育",
      second_class: "学历教育",
      third_class: "高等",
      first_id: 3,
      second_id: 4,
      third_id: 5,
      title: "日志",
    },
  ],
};

/** One valid item, to vary field by field. */
export const ITEM = DOC_SUBMIT.item_list[0]!;

export function trialVersion(over: Partial<TrialVersion> = {}): TrialVersion {
  const now = Date.now();
  return {
    templateId: 1,
    extJson: "{}",
    userVersion: "V1.0",
    userDesc: "test",
    pages: DOC_PAGES,
    committedAt: now - 60_000,
    // Scan already finished unless a test says otherwise.
    scanReadyAt: now - 1_000,
    privacy: { withoutAuth: [], withoutConf: [] },
    ...over,
  };
}

export const setTrial = (appid: string, over: Partial<TrialVersion> = {}) => patchState(appid, (s) => ({ ...s, trial: trialVersion(over) }));

type Setup = Omit<NewAuthorizer, "componentAppid"> & { trial?: Partial<TrialVersion> | null };

/** A platform, an authorizer with the documents' categories and (unless trial: null) a scanned trial, and its token. */
export async function authorizerWithTrial(sandbox: SandboxHarness, setup: Setup = {}) {
  const { trial, ...input } = setup;
  const made = await sandbox.authorizerWithToken({ categories: DOC_CATEGORIES, ...input });
  if (trial !== null) await setTrial(made.authorizer.appid, trial ?? {});
  return made;
}

/** A second authorizer of the same platform, with its own token. */
export async function siblingWithTrial(sandbox: SandboxHarness, platform: PlatformRow, setup: Setup = {}) {
  const { trial, ...input } = setup;
  const authorizer = await createAuthorizer({ categories: DOC_CATEGORIES, ...input, componentAppid: platform.componentAppid });
  if (trial !== null) await setTrial(authorizer.appid, trial ?? {});
  return { authorizer, token: await sandbox.authorizerToken(platform, authorizer) };
}

export const submit = (sandbox: SandboxHarness, token: string, body: unknown = DOC_SUBMIT): Promise<JsonAnswer> =>
  sandbox.call("/wxa/submit_audit", { token, body });

/** Submits the documents' example over HTTP and approves it as the reviewer would; returns the audit id. */
export async function approvedAudit(sandbox: SandboxHarness, token: string, appid: string, trial: Partial<TrialVersion> = {}) {
  await setTrial(appid, trial);
  const answer = await submit(sandbox, token);
  if (answer.body.errcode !== 0) throw new Error(`submit_audit failed: ${JSON.stringify(answer.body)}`);
  await decideAudit(appid, { result: "approve" });
  return answer.body.auditid as number;
}

export async function auditRow(auditid: number) {
  const [row] = await db.select().from(sandboxAudits).where(eq(sandboxAudits.auditid, auditid));
  return row!;
}

export async function platformRow(componentAppid: string) {
  const [row] = await db.select().from(sandboxPlatforms).where(eq(sandboxPlatforms.componentAppid, componentAppid));
  return row!;
}

export const setPlatformQuota = (componentAppid: string, values: Partial<typeof sandboxPlatforms.$inferInsert>) =>
  db.update(sandboxPlatforms).set(values).where(eq(sandboxPlatforms.componentAppid, componentAppid));
