import "server-only";
import { eq, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { sandboxAuthorizers } from "./schema";
import type { AuthorizerCodeState } from "./types";

type Authorizer = typeof sandboxAuthorizers.$inferSelect;
type Tx = Parameters<Parameters<typeof db.transaction>[0]>[0];

/**
 * Reads and changes one authorizer's code state under a row lock (SELECT … FOR UPDATE), so concurrent calls for
 * the same mini-program (from any process) apply one after another. `fn` returns the new state (or undefined to
 * keep it) and the value to answer.
 */
export async function mutateState<T>(
  appid: string,
  fn: (state: AuthorizerCodeState, authorizer: Authorizer, tx: Tx) => Promise<{ state?: AuthorizerCodeState; result: T }> | { state?: AuthorizerCodeState; result: T },
): Promise<T> {
  return db.transaction(async (tx) => {
    const [authorizer] = await tx.select().from(sandboxAuthorizers).where(eq(sandboxAuthorizers.appid, appid)).for("update");
    if (!authorizer) throw new Error(`sandbox authorizer ${appid} not found`);
    const { state, result } = await fn(structuredClone(authorizer.state ?? {}), authorizer, tx);
    if (state) await tx.update(sandboxAuthorizers).set({ state: sql`${JSON.stringify(state)}::jsonb` }).where(eq(sandboxAuthorizers.appid, appid));
    return result;
  });
}

/** Calendar keys in China time, where the platform's daily and monthly limits reset. */
export function chinaDay(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
export const chinaMonth = (now = new Date()) => chinaDay(now).slice(0, 7);
