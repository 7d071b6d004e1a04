import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { tenants } from "@/lib/db/schema";
import { ExpectedError } from "@/lib/errors";
import { checkVariables, type VariableRow } from "@/lib/validation/tenant-variables";

/** A tenant's custom variables, in key order (what the editor lists). */
export async function tenantVariables(tenantId: string): Promise<VariableRow[]> {
  const [row] = await db.select({ variables: tenants.variables }).from(tenants).where(eq(tenants.id, tenantId));
  return Object.entries(row?.variables ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => ({ key, value }));
}

/**
 * Replaces the tenant's custom variables with `rows` (the whole list, as edited). The first problem found is refused
 * with its own message; nothing is saved then.
 */
export async function saveTenantVariables(tenantId: string, rows: readonly VariableRow[]): Promise<number> {
  const problem = checkVariables(rows)[0];
  if (problem) {
    const values: Record<string, string | number> =
      problem.problem === "tooMany" ? { max: problem.max } : problem.problem === "valueTooLong" ? { key: problem.key, max: problem.max } : { key: problem.key };
    throw new ExpectedError(`tenant.variables.errors.${problem.problem}`, undefined, values);
  }
  const variables = Object.fromEntries(rows.map((r) => [r.key, r.value]));
  await db.update(tenants).set({ variables }).where(eq(tenants.id, tenantId));
  return rows.length;
}
