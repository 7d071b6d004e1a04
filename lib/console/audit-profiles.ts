import "server-only";
import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { auditProfiles, tenants, type Tenant } from "@/lib/db/schema";
import { ExpectedError } from "@/lib/errors";
import { auditDraftSchema, auditItemDraft, emptyDraft, type AuditDraft } from "@/lib/validation/audit-submission";

/**
 * Audit profiles: a named item_list and options, shared by the team, for reuse on any tenant. Categories keep their
 * names and ids: the bulk jobs map a profile onto each tenant's own categories by name. What belongs to one
 * submission only is not kept (feedback on a rejection, preview media ids: they expire after three days, the
 * privacy declaration: it depends on the code scanned).
 */

export type AuditProfile = { id: string; name: string; draft: AuditDraft; updatedAt: Date };

const storedOptions = auditDraftSchema.pick({ versionDesc: true, orderPath: true, ugc: true });

function profileOf(row: typeof auditProfiles.$inferSelect): AuditProfile {
  const items = z.array(auditItemDraft).safeParse(row.itemList);
  const options = storedOptions.safeParse(row.options);
  return {
    id: row.id,
    name: row.name,
    // A row written by an older shape loads as much as still parses, never as an error on the page.
    draft: { ...emptyDraft(), ...(options.success ? options.data : {}), items: items.success && items.data.length > 0 ? items.data : emptyDraft().items },
    updatedAt: row.updatedAt,
  };
}

export async function listAuditProfiles(): Promise<AuditProfile[]> {
  return (await db.select().from(auditProfiles).orderBy(asc(auditProfiles.name))).map(profileOf);
}

export const profileNameSchema = z.string().trim().min(1, "validation.required").max(64, "validation.tooLong");

/** Saves the draft under a name; the same name replaces that profile (the team shares one set of names). */
export async function saveAuditProfile(name: string, draft: AuditDraft, actor: { id: string } | null): Promise<AuditProfile> {
  const options = { versionDesc: draft.versionDesc, orderPath: draft.orderPath, ugc: draft.ugc };
  const [row] = await db
    .insert(auditProfiles)
    .values({ name, itemList: draft.items, options, createdBy: actor?.id ?? null })
    .onConflictDoUpdate({ target: auditProfiles.name, set: { itemList: draft.items, options, updatedAt: new Date() } })
    .returning();
  return profileOf(row!);
}

export async function deleteAuditProfile(id: string): Promise<void> {
  const deleted = await db.delete(auditProfiles).where(eq(auditProfiles.id, id)).returning({ id: auditProfiles.id });
  if (deleted.length === 0) throw new ExpectedError("audit.errors.profileNotFound");
}

/** The profile to preselect for a tenant: the one last submitted with, while it exists. */
export async function defaultAuditProfileId(tenant: Pick<Tenant, "lastAuditProfileId">): Promise<string | null> {
  if (!tenant.lastAuditProfileId) return null;
  const [row] = await db.select({ id: auditProfiles.id }).from(auditProfiles).where(eq(auditProfiles.id, tenant.lastAuditProfileId));
  return row?.id ?? null;
}

/** Remembers the profile an operator chose for a tenant, before the submission too (a refused one still chose it). */
export async function rememberAuditProfile(tenantId: string, profileId: string | null) {
  await db.update(tenants).set({ lastAuditProfileId: profileId }).where(eq(tenants.id, tenantId));
}
