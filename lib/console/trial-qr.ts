import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { commits, trialQrCodes } from "@/lib/db/schema";
import type { TenantPlatform } from "@/lib/platforms/port";

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
