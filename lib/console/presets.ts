import "server-only";
import { asc, eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { extJsonPresets } from "@/lib/db/schema";
import { ExpectedError } from "@/lib/errors";

/** Named ext_json texts (with their {{variables}}, unrendered) shared by the whole team. */

export type Preset = typeof extJsonPresets.$inferSelect;

export async function listPresets(): Promise<Preset[]> {
  return db.select().from(extJsonPresets).orderBy(asc(extJsonPresets.name));
}

/**
 * Saves a preset under `name`. A name already taken is refused unless `overwrite` says the operator confirmed
 * replacing it: two people saving "Default" must not silently replace each other's text.
 */
export async function savePreset(input: { name: string; extJson: string; overwrite: boolean }, actorId: string | null): Promise<Preset> {
  if (input.overwrite) {
    const [row] = await db
      .insert(extJsonPresets)
      .values({ name: input.name, extJson: input.extJson, createdBy: actorId })
      .onConflictDoUpdate({ target: extJsonPresets.name, set: { extJson: input.extJson } })
      .returning();
    return row!;
  }
  try {
    const [row] = await db.insert(extJsonPresets).values({ name: input.name, extJson: input.extJson, createdBy: actorId }).returning();
    return row!;
  } catch (error) {
    if (isUniqueViolation(error)) throw new ExpectedError("commit.presets.nameTaken", undefined, { name: input.name });
    throw error;
  }
}

export async function deletePreset(id: string): Promise<void> {
  const deleted = await db.delete(extJsonPresets).where(eq(extJsonPresets.id, id)).returning({ id: extJsonPresets.id });
  if (deleted.length === 0) throw new ExpectedError("commit.presets.notFound");
}
