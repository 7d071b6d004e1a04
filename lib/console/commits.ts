import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { forgetBoard } from "./versions";
import { noteCommitted } from "./fleet-events";
import { commits, platformAccounts, templates, tenants, trialQrCodes, type Tenant } from "@/lib/db/schema";
import { ExpectedError } from "@/lib/errors";
import { prepareExtJson } from "@/lib/ext-json/prepare";
import { variablesOf, type TenantFacts } from "@/lib/ext-json/render";
import type { ExtJsonIssue } from "@/lib/ext-json/rules";
import { PlatformError, type CallContext, type TenantPlatform } from "@/lib/platforms/port";
import { listPresets } from "./presets";
import { getTemplate, listTemplates, syncTemplatesIfStale } from "./templates";

/**
 * Committing a template's code to one tenant: the commit page's action and the bulk commit job both call
 * `commitForTenant`. Nothing from the browser is trusted: the variables are rendered and every ext_json check runs
 * again here, then the platform is called and the attempt recorded (`commits`), whatever the answer.
 */

export type CommitInput = {
  templateId: number;
  /** Empty: the template's own user_version. */
  userVersion?: string;
  userDesc: string;
  /** The ext_json as typed, with its {{variables}}. */
  extJson: string;
};
export type CommitRow = typeof commits.$inferSelect;

/** The ext_json fails a check: no call was made. `issues` point at the text typed (catalog keys `commit.check.*`). */
export class ExtJsonRefusedError extends ExpectedError {
  constructor(readonly issues: ExtJsonIssue[]) {
    const first = issues[0]!;
    super("commit.errors.extJsonRefused", { extJson: "validation.invalid" }, { count: issues.length, line: first.line, column: first.column });
    this.name = "ExtJsonRefusedError";
  }
}

export const tenantFacts = (tenant: Tenant): TenantFacts => ({
  appid: tenant.appid,
  nickname: tenant.nickname,
  principalName: tenant.principalName,
  originalId: tenant.userName,
  variables: tenant.variables,
});

export async function commitForTenant(
  tenant: Tenant,
  platform: TenantPlatform,
  input: CommitInput,
  actor: { actorId: string | null; bulkJobId?: string | null },
): Promise<CommitRow> {
  // A template not (yet) synced is still sent: the platform is the judge of its id (85014), the checks that need
  // its kind and pages are skipped.
  const template = await getTemplate(tenant.accountId, input.templateId);
  const prepared = prepareExtJson(input.extJson, variablesOf(tenantFacts(tenant)), { platform: platform.platform, kind: template?.kind, templatePages: template?.pages ?? null });
  if (!prepared.ok) throw new ExtJsonRefusedError(prepared.issues);
  const userVersion = input.userVersion?.trim() || template?.userVersion || "";
  if (!userVersion) throw new ExpectedError("commit.errors.userVersionRequired", { userVersion: "validation.required" });

  const row = { tenantId: tenant.id, templateId: input.templateId, userVersion, userDesc: input.userDesc, extJson: prepared.extJson, actorId: actor.actorId, bulkJobId: actor.bulkJobId ?? null };
  try {
    await platform.commit({ templateId: input.templateId, extJson: prepared.extJson, userVersion, userDesc: input.userDesc });
  } catch (error) {
    if (error instanceof PlatformError) await db.insert(commits).values({ ...row, ok: false, errcode: error.code, error: error.rawMessage.slice(0, 500) });
    throw error;
  }
  // The trial QR codes picture the code just replaced: dropped beside the record (no transaction needed: a cache
  // dropped without its record costs one more QR request; the two statements go together, one round trip).
  const [, [recorded]] = await Promise.all([
    db.delete(trialQrCodes).where(eq(trialQrCodes.tenantId, tenant.id)),
    db.insert(commits).values({ ...row, ok: true }).returning(),
  ]);
  const saved = recorded!;
  forgetBoard(tenant.id);
  await noteCommitted(tenant.id, { userVersion, templateId: input.templateId, at: saved.at });
  // The template's pages, learnt once from a commit that kept them all: later checks compare `pages` with them
  // (a platform without item lists, Baidu, cannot list them).
  if (platform.capabilities.auditItems && template && !template.pages && !("pages" in prepared.value)) {
    try {
      const pages = await platform.pages();
      await db.update(templates).set({ pages }).where(and(eq(templates.accountId, tenant.accountId), eq(templates.templateId, input.templateId)));
    } catch (error) {
      if (!(error instanceof PlatformError)) throw error;
    }
  }
  return saved;
}

/** The last ext_json the platform accepted for this tenant: what the preview diffs against. */
export async function lastCommit(tenantId: string): Promise<CommitRow | null> {
  const [row] = await db
    .select()
    .from(commits)
    .where(and(eq(commits.tenantId, tenantId), eq(commits.ok, true)))
    .orderBy(desc(commits.at), desc(commits.id))
    .limit(1);
  return row ?? null;
}

export async function recentCommits(tenantId: string, limit = 10): Promise<CommitRow[]> {
  return db.select().from(commits).where(eq(commits.tenantId, tenantId)).orderBy(desc(commits.at), desc(commits.id)).limit(limit);
}

/** What the commit form needs, all read at once; null when the tenant is gone. */
export async function commitPageData(tenantId: string) {
  const [tenant] = await db.select().from(tenants).where(eq(tenants.id, tenantId));
  if (!tenant) return null;
  const [templateRows, presets, last] = await Promise.all([listTemplates(tenant.accountId, { limit: 500 }), listPresets(), lastCommit(tenant.id)]);
  return { tenant, facts: tenantFacts(tenant), templates: templateRows, presets, last };
}

/**
 * The template picker's list is the account's templates table: a Baidu account's (synced through the port like any
 * other) is refreshed when stale before the Code tab reads it, so a template added on Baidu's side shows up. A
 * refusal leaves the last synced list in place.
 */
export async function freshTemplatesFor(tenantId: string, context: CallContext = {}): Promise<void> {
  const [row] = await db.select({ account: platformAccounts }).from(tenants).innerJoin(platformAccounts, eq(platformAccounts.id, tenants.accountId)).where(eq(tenants.id, tenantId));
  if (!row) return;
  await syncTemplatesIfStale(row.account, context).catch((error: unknown) => {
    if (!(error instanceof PlatformError)) throw error;
  });
}
