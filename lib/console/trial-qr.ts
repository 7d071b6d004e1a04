import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { commits, trialQrCodes } from "@/lib/db/schema";
import { PlatformError, type TenantPlatform } from "@/lib/platforms/port";
import { refusalOf, tenantPlatformFor, type BoardPart } from "./versions";
import { withTenantHealth } from "./tokens-health";

/**
 * The trial version's QR code per (tenant, page path + query), kept in trial_qr_codes until the tenant's next
 * commit: the image only changes with the code it opens. A commit deletes the tenant's rows (forgetTrialQr); an
 * image fetched before the tenant's last recorded commit is not used either, whoever committed.
 */

/** `page` and `query` as get_qrcode takes them: `pages/index/index?a=1`, "" for the home page. */
export function qrPath(page: string | null | undefined, query: string | null | undefined): string {
  const p = (page ?? "").trim().replace(/^\/+/, "");
  const q = (query ?? "").trim().replace(/^\?+/, "");
  return p && q ? `${p}?${q}` : p;
}

export type TrialQr = { contentType: string; bytes: Buffer; fetchedAt: Date; cached: boolean };

async function lastCommitAt(tenantId: string): Promise<Date | null> {
  const [row] = await db
    .select({ at: commits.at })
    .from(commits)
    .where(and(eq(commits.tenantId, tenantId), eq(commits.ok, true)))
    .orderBy(desc(commits.at))
    .limit(1);
  return row?.at ?? null;
}

/** The image from the cache, or from the platform (then kept). A platform refusal (a JSON answer) is thrown as is. */
export async function trialQr(platform: TenantPlatform, path: string): Promise<TrialQr> {
  const tenantId = platform.tenantId;
  const [[row], committedAt] = await Promise.all([
    db.select().from(trialQrCodes).where(and(eq(trialQrCodes.tenantId, tenantId), eq(trialQrCodes.path, path))),
    lastCommitAt(tenantId),
  ]);
  if (row && (!committedAt || row.fetchedAt > committedAt)) return { contentType: row.contentType, bytes: row.bytes, fetchedAt: row.fetchedAt, cached: true };
  const image = await platform.trialQrcode(path || undefined);
  const bytes = Buffer.from(image.bytes);
  const fetchedAt = new Date();
  await db
    .insert(trialQrCodes)
    .values({ tenantId, path, contentType: image.contentType, bytes, fetchedAt })
    .onConflictDoUpdate({ target: [trialQrCodes.tenantId, trialQrCodes.path], set: { contentType: image.contentType, bytes, fetchedAt } });
  return { contentType: image.contentType, bytes, fetchedAt, cached: false };
}

/** Called by a commit: every trial QR of the tenant opens code that is gone. */
export async function forgetTrialQr(tenantId: string) {
  await db.delete(trialQrCodes).where(eq(trialQrCodes.tenantId, tenantId));
}

/**
 * The image for a page's request: the tenant must be operable (an ExpectedError otherwise); a platform refusal
 * (get_qrcode answering JSON) comes back as a refusal to show, not thrown.
 */
export async function trialQrFor(tenantId: string, actorId: string | null, path: string): Promise<BoardPart<TrialQr>> {
  const platform = await tenantPlatformFor(tenantId, actorId);
  try {
    return { ok: true, value: await withTenantHealth({ id: tenantId }, () => trialQr(platform, path)) };
  } catch (error) {
    if (error instanceof PlatformError) return { ok: false, refusal: refusalOf(error) };
    throw error;
  }
}

/** The trial code's pages (get_page) for the QR page picker, or why they cannot be read (no trial yet: 86001…). */
export async function trialPages(tenantId: string, actorId: string | null): Promise<BoardPart<string[]>> {
  const platform = await tenantPlatformFor(tenantId, actorId);
  try {
    return { ok: true, value: await withTenantHealth({ id: tenantId }, () => platform.pages()) };
  } catch (error) {
    if (error instanceof PlatformError) return { ok: false, refusal: refusalOf(error) };
    throw error;
  }
}
