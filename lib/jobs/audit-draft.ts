import "server-only";
import { listAuditProfiles, type AuditProfile } from "@/lib/console/audit-profiles";
import type { Category, TenantPlatform } from "@/lib/platforms/port";
import type { AuditDraft } from "@/lib/validation/audit-submission";
import { cacheCategories, cachedCategories } from "./snapshots";

/**
 * An audit profile mapped onto one tenant: its categories are matched by the names of each level against the
 * tenant's own (the ids differ per tenant, the names do not), and a page the tenant's code does not have becomes
 * the tenant's first page. Preflight and the submit step share this.
 */

export type Mapped = { ok: true; draft: AuditDraft } | { ok: false; reason: "missingCategory"; detail: { category: string } } | { ok: false; reason: "noPages"; detail: null };

const nameOf = (c: Category) => [c.first.name, c.second.name, c.third?.name].filter(Boolean).join(" / ");
const sameNames = (a: Category, b: Category) =>
  a.first.name === b.first.name && a.second.name === b.second.name && (a.third?.name ?? null) === (b.third?.name ?? null);

/** Pure: the profile's draft with the tenant's categories and pages; `pages` null skips the page mapping. */
export function mapDraft(draft: AuditDraft, categories: Category[], pages: string[] | null): Mapped {
  if (pages !== null && pages.length === 0) return { ok: false, reason: "noPages", detail: null };
  const items = [];
  for (const item of draft.items) {
    const wanted = item.category;
    const own = wanted ? categories.find((c) => sameNames(c, wanted)) : undefined;
    if (wanted && !own) return { ok: false, reason: "missingCategory", detail: { category: nameOf(wanted) } };
    const page = pages === null || pages.includes(item.page) ? item.page : pages[0]!;
    items.push({ ...item, category: own ?? null, page });
  }
  return { ok: true, draft: { ...draft, items } };
}

/** Categories change rarely: an hour-old read serves preflight and the submit step. */
export const CATEGORIES_MAX_AGE_MS = 60 * 60_000;

/** The tenant's categories from the snapshot cache, else from the platform (then cached). */
export async function tenantCategories(tenantId: string, platform: TenantPlatform): Promise<Category[]> {
  const cached = await cachedCategories(tenantId, CATEGORIES_MAX_AGE_MS);
  if (cached) return cached;
  const categories = await platform.categories();
  await cacheCategories(tenantId, categories);
  return categories;
}

// Profiles are few and change rarely; a job's items read the same one thousands of times.
const profiles = new Map<string, { at: number; profile: AuditProfile | null }>();

export async function loadProfile(profileId: string): Promise<AuditProfile | null> {
  const hit = profiles.get(profileId);
  if (hit && Date.now() - hit.at < 30_000) return hit.profile;
  const profile = (await listAuditProfiles()).find((p) => p.id === profileId) ?? null;
  profiles.set(profileId, { at: Date.now(), profile });
  return profile;
}
