import "server-only";
import { eq } from "drizzle-orm";
import { getLocale } from "next-intl/server";
import { getCurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { tenants } from "@/lib/db/schema";
import { platformForTenant } from "@/lib/platforms";
import { PlatformError } from "@/lib/platforms/port";
import { isLocale } from "@/lib/i18n/locale";

/**
 * An image the platform keeps for a tenant (an audit's rejection screenshots), for the console's
 * /tenants/<id>/media/<mediaId> route: the browser sees this URL only, the tenant's token stays on the server.
 * Any signed-in operator may look (viewers included); reading is a platform call, so it is in the history.
 */

// The platform's "invalid media_id": an unknown (or another account's) id is a 404, not a server fault.
const UNKNOWN_MEDIA = 40007;
const MEDIA_ID = /^[A-Za-z0-9_\-=+/.]{1,256}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const json = (status: number, body: Record<string, unknown>) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" } });

export async function tenantMediaResponse(tenantId: string, mediaId: string): Promise<Response> {
  const user = await getCurrentUser();
  if (!user) return json(401, { error: "unauthorized" });
  if (!MEDIA_ID.test(mediaId) || !UUID.test(tenantId)) return json(404, { error: "not_found" });
  const [tenant] = await db.select().from(tenants).where(eq(tenants.id, tenantId));
  if (!tenant) return json(404, { error: "not_found" });
  try {
    const platform = await platformForTenant(tenant, { actorId: user.id });
    const image = await platform.mediaImage(mediaId);
    // Only images are served from the console's origin: anything else (an HTML page, a script) could run here.
    if (!/^image\/(png|jpeg|gif|webp)$/.test(image.contentType)) return json(502, { error: "not_an_image" });
    return new Response(new Uint8Array(image.bytes), {
      status: 200,
      headers: { "content-type": image.contentType, "cache-control": "private, max-age=86400", "x-content-type-options": "nosniff" },
    });
  } catch (error) {
    if (!(error instanceof PlatformError)) throw error;
    const locale = await getLocale();
    const status = error.code === UNKNOWN_MEDIA ? 404 : 502;
    return json(status, { error: error.describe(isLocale(locale) ? locale : "zh-CN"), code: error.code });
  }
}
