import "server-only";
import { count, eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { operations, operators, platformAccounts, tenants } from "@/lib/db/schema";

export async function overviewCounts() {
  const one = async (query: Promise<{ n: number }[]>) => (await query)[0]?.n ?? 0;
  const [accounts, tenantTotal, needsReauth, operatorTotal, operationTotal] = await Promise.all([
    one(db.select({ n: count() }).from(platformAccounts)),
    one(db.select({ n: count() }).from(tenants)),
    one(db.select({ n: count() }).from(tenants).where(eq(tenants.status, "needs_reauth"))),
    one(db.select({ n: count() }).from(operators).where(eq(operators.disabled, false))),
    one(db.select({ n: count() }).from(operations)),
  ]);
  return { accounts, tenants: tenantTotal, needsReauth, operators: operatorTotal, operations: operationTotal };
}
