import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { LOCATION_APIS, type LocationApi } from "./ext-json";
import { sandboxSettings } from "./schema";

/**
 * Which location APIs a code package uses (seed 002: the privacy scan after commit finds them in the code, and
 * submit_audit answers 61040 for any not declared in ext_json `requiredPrivateInfos`). The sandbox has no code to
 * scan, so a draft carries the list from its upload (control surface, demo data) and a template copies its draft's.
 *
 * (assump.) Kept as one sandbox_settings row per draft/template (`code-privacy:draft:<id>`), not a column of
 * sandbox_drafts/sandbox_templates, so this issue adds no migration; absent = the code uses none.
 */

type Q = Pick<typeof db, "select" | "insert">;
const key = (kind: "draft" | "template", id: number) => `code-privacy:${kind}:${id}`;

/** Known names only, each once, in 表1's order. */
export function normalizePrivacyApis(apis: readonly string[]): LocationApi[] {
  return LOCATION_APIS.filter((api) => apis.includes(api));
}

async function write(q: Q, kind: "draft" | "template", id: number, apis: readonly string[]) {
  const value = normalizePrivacyApis(apis);
  await q.insert(sandboxSettings).values({ key: key(kind, id), value }).onConflictDoUpdate({ target: sandboxSettings.key, set: { value } });
}

async function read(q: Q, kind: "draft" | "template", id: number): Promise<LocationApi[]> {
  const [row] = await q.select({ value: sandboxSettings.value }).from(sandboxSettings).where(eq(sandboxSettings.key, key(kind, id)));
  return Array.isArray(row?.value) ? normalizePrivacyApis(row.value as string[]) : [];
}

export const setDraftPrivacyApis = (draftId: number, apis: readonly string[], q: Q = db) => write(q, "draft", draftId, apis);
export const setTemplatePrivacyApis = (templateId: number, apis: readonly string[], q: Q = db) => write(q, "template", templateId, apis);
export const draftPrivacyApis = (draftId: number, q: Q = db) => read(q, "draft", draftId);
export const templatePrivacyApis = (templateId: number, q: Q = db) => read(q, "template", templateId);

