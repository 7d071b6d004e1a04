import "server-only";
import { getSnapshot, recordSnapshot } from "@/lib/console/fleet";
import type { Category } from "@/lib/platforms/port";

/**
 * The engine's own use of the fleet snapshot (tenant_snapshots, written through lib/console/fleet.ts): the tenant's
 * categories, cached for preflight and the submit step's mapping of audit profiles. What the services change
 * (commits, submits, releases…) they record themselves (lib/console/fleet-events.ts).
 */

/** The tenant's categories as cached (fresh enough), or null. */
export async function cachedCategories(tenantId: string, maxAgeMs: number): Promise<Category[] | null> {
  const row = await getSnapshot(tenantId);
  if (!row?.categories || !row.categoriesAt || Date.now() - row.categoriesAt.getTime() > maxAgeMs) return null;
  return row.categories as Category[];
}

export const cacheCategories = (tenantId: string, categories: Category[]) => recordSnapshot(tenantId, { categories, categoriesAt: new Date() });
