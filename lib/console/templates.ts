import "server-only";
import { and, desc, eq, ilike, or, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { templates } from "@/lib/db/schema";

/**
 * A platform account's code templates as the console keeps them (the `templates` table, synced from the platform):
 * what pickers and jobs read, so they never call the platform for the list.
 */

export type TemplateRow = typeof templates.$inferSelect;

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
