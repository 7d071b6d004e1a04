import "server-only";
import { and, asc, count, desc, eq, ilike, notInArray, or, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { platformAccounts, templates, type PlatformAccount } from "@/lib/db/schema";
import { ExpectedError } from "@/lib/errors";
import { platformForAccount } from "@/lib/platforms";
import { PlatformError, type CallContext, type ErrorLocale, type Template, type TemplateDraft } from "@/lib/platforms/port";
import { effectiveApiBase, isSandboxApiBase } from "./accounts";

/**
 * A platform account's code templates as the console keeps them (the `templates` table, synced from the platform):
 * what pickers and jobs read, so they never call the platform for the list. Every change made here (add, delete) is
 * followed by a sync, so the table is the platform's list as read after the change.
 */

export type TemplateRow = typeof templates.$inferSelect;
export type { TemplateDraft };

/** The list is re-read from the platform when the last sync is older than this (pages sync in the background). */
export const TEMPLATES_MAX_AGE_MS = 5 * 60_000;

const escapeLike = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The account's templates, newest first; `q` matches the id, version, description or source mini-program. */
export async function listTemplates(accountId: string, options: { q?: string; limit?: number } = {}): Promise<TemplateRow[]> {
  const q = options.q?.trim();
  const match = q
    ? or(
        ilike(templates.userVersion, escapeLike(q)),
        ilike(templates.userDesc, escapeLike(q)),
        ilike(templates.sourceAppid, escapeLike(q)),
        ilike(templates.sourceName, escapeLike(q)),
        /^\d+$/.test(q) ? eq(templates.templateId, Number(q)) : undefined,
      )
    : undefined;
  return db
    .select()
    .from(templates)
    .where(and(eq(templates.accountId, accountId), match))
    .orderBy(sql`${templates.platformCreatedAt} desc nulls last`, desc(templates.templateId))
    .limit(Math.min(Math.max(options.limit ?? 100, 1), 500));
}

export async function getTemplate(accountId: string, templateId: number): Promise<TemplateRow | null> {
  const [row] = await db.select().from(templates).where(and(eq(templates.accountId, accountId), eq(templates.templateId, templateId)));
  return row ?? null;
}

/** An account as the templates page shows it: how full its library is (as last synced) and when it was synced. */
export type TemplateAccount = {
  id: string;
  name: string;
  platform: PlatformAccount["platform"];
  sandbox: boolean;
  syncedAt: Date | null;
  /** The last sync is older than TEMPLATES_MAX_AGE_MS (or never happened): the page asks for a background sync. */
  stale: boolean;
  count: number;
  limit: number;
};

export async function templateAccounts(): Promise<TemplateAccount[]> {
  const counts = db.select({ accountId: templates.accountId, n: count().as("n") }).from(templates).groupBy(templates.accountId).as("counts");
  const rows = await db
    .select({ account: platformAccounts, count: sql<number>`coalesce(${counts.n}, 0)::int` })
    .from(platformAccounts)
    .leftJoin(counts, eq(counts.accountId, platformAccounts.id))
    .orderBy(asc(platformAccounts.createdAt), asc(platformAccounts.name));
  // Nothing secret leaves: the full row is read only to ask its adapter for the cap.
  return rows.map(({ account, count }) => ({
    id: account.id,
    name: account.name,
    platform: account.platform,
    sandbox: isSandboxApiBase(effectiveApiBase(account.apiBase)),
    syncedAt: account.templatesSyncedAt,
    stale: !account.templatesSyncedAt || Date.now() - account.templatesSyncedAt.getTime() >= TEMPLATES_MAX_AGE_MS,
    count,
    limit: platformForAccount(account).templateLimit,
  }));
}

export async function loadTemplateAccount(accountId: string): Promise<PlatformAccount> {
  const [row] = await db.select().from(platformAccounts).where(eq(platformAccounts.id, accountId));
  if (!row) throw new ExpectedError("accounts.notFound");
  return row;
}

const rowOf = (accountId: string, t: Template, syncedAt: Date) => ({
  accountId,
  templateId: t.templateId,
  userVersion: t.userVersion,
  userDesc: t.userDesc,
  kind: t.kind,
  sourceAppid: t.sourceAppid,
  sourceName: t.sourceName,
  developer: t.developer,
  platformCreatedAt: t.createdAt,
  syncedAt,
});

/**
 * Makes the table the platform's list: upserted by (account, template id), rows the platform no longer lists
 * deleted, `templates_synced_at` set. `pages` is never written here (only a commit of the template learns them).
 * Two syncs may overlap (a page's background sync and a Refresh): the account row is locked for the write, and a
 * list read before the one already stored is dropped, so an older read never brings back a deleted template.
 */
export async function syncTemplates(account: PlatformAccount, context: CallContext = {}): Promise<{ count: number; stored: boolean }> {
  const readAt = new Date();
  const list = await platformForAccount(account, context).listTemplates();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ syncedAt: platformAccounts.templatesSyncedAt })
      .from(platformAccounts)
      .where(eq(platformAccounts.id, account.id))
      .for("update");
    if (!row) throw new ExpectedError("accounts.notFound");
    if (row.syncedAt && row.syncedAt > readAt) return { count: list.length, stored: false };
    const ids = list.map((t) => t.templateId);
    await tx
      .delete(templates)
      .where(and(eq(templates.accountId, account.id), ids.length ? notInArray(templates.templateId, ids) : undefined));
    if (list.length) {
      await tx
        .insert(templates)
        .values(list.map((t) => rowOf(account.id, t, readAt)))
        .onConflictDoUpdate({
          target: [templates.accountId, templates.templateId],
          set: {
            userVersion: sql`excluded.user_version`,
            userDesc: sql`excluded.user_desc`,
            kind: sql`excluded.kind`,
            sourceAppid: sql`excluded.source_appid`,
            sourceName: sql`excluded.source_name`,
            developer: sql`excluded.developer`,
            platformCreatedAt: sql`excluded.platform_created_at`,
            syncedAt: sql`excluded.synced_at`,
          },
        });
    }
    await tx.update(platformAccounts).set({ templatesSyncedAt: readAt }).where(eq(platformAccounts.id, account.id));
    return { count: list.length, stored: true };
  });
}

/** Syncs only when the last sync is older than `maxAgeMs` (or never happened); says whether it synced. */
export async function syncTemplatesIfStale(account: PlatformAccount, context: CallContext = {}, maxAgeMs = TEMPLATES_MAX_AGE_MS): Promise<boolean> {
  const syncedAt = account.templatesSyncedAt;
  if (syncedAt && Date.now() - syncedAt.getTime() < maxAgeMs) return false;
  await syncTemplates(account, context);
  return true;
}

/** The platform's draft box (not stored: it changes with every upload and is read where templates are made). */
export function listDrafts(account: PlatformAccount, context: CallContext = {}): Promise<TemplateDraft[]> {
  return platformForAccount(account, context).drafts();
}

/** The draft box for a page: a platform refusal becomes its "code — meaning" to show in place of the list. */
export async function draftBox(accountId: string, locale: ErrorLocale, context: CallContext = {}): Promise<{ drafts: TemplateDraft[] } | { error: string }> {
  try {
    return { drafts: await listDrafts(await loadTemplateAccount(accountId), context) };
  } catch (error) {
    if (error instanceof PlatformError) return { error: error.describe(locale) };
    throw error;
  }
}

/**
 * Runs a change of the library, then re-reads the list whatever the answer: a refusal (full, not found) also means
 * the table may be behind the platform. The change's own refusal is what the caller sees, even if the re-read fails.
 */
async function changeThenSync<T>(account: PlatformAccount, context: CallContext, change: () => Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await change();
  } catch (error) {
    await syncTemplates(account, context).catch(() => undefined);
    throw error;
  }
  await syncTemplates(account, context);
  return result;
}

/** A Baidu template's description (addtotemplate's user_desc): at most 30 characters (reference §8.3). */
export const BAIDU_TEMPLATE_DESC_MAX = 30;

/**
 * addtotemplate: the draft becomes a template (the platform refuses a full library, 85065 on WeChat). `userDesc`
 * where the platform takes one (Baidu): over 30 characters is refused here, before the platform is asked.
 */
export function addDraftToTemplates(account: PlatformAccount, draftId: number, kind: Template["kind"] = "custom", context: CallContext = {}, userDesc?: string) {
  if (userDesc && [...userDesc.trim()].length > BAIDU_TEMPLATE_DESC_MAX) {
    throw new ExpectedError("validation.tooLong", { userDesc: "validation.tooLong" });
  }
  return changeThenSync(account, context, () => platformForAccount(account, context).addDraftToTemplates(draftId, kind, userDesc?.trim() || undefined));
}

/** deletetemplate, then the table follows; tenants' commits keep naming the template id in their history. */
export function deleteTemplate(account: PlatformAccount, templateId: number, context: CallContext = {}) {
  return changeThenSync(account, context, async () => {
    await platformForAccount(account, context).deleteTemplate(templateId);
    await db.delete(templates).where(and(eq(templates.accountId, account.id), eq(templates.templateId, templateId)));
  });
}
