import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/session";
import { qrPath, trialQrFor } from "@/lib/console/trial-qr";
import { ExpectedError } from "@/lib/errors";

/**
 * The trial QR code image of one tenant, for the signed-in console only: the platform's token stays on the server
 * (the browser sees this address, never get_qrcode's). `?page=…&query=…` pick the page; `?download=1` saves it.
 * A refusal answers JSON `{ error, code }` ("code — meaning" in the operator's language), which the page shows.
 */

const search = z.object({ page: z.string().max(512).optional(), query: z.string().max(512).optional(), download: z.string().optional() });

const json = (status: number, body: Record<string, unknown>) => Response.json(body, { status, headers: { "cache-control": "no-store" } });

export async function GET(request: Request, { params }: { params: Promise<{ tenantId: string }> }) {
  const t = await getTranslations();
  const user = await getCurrentUser();
  if (!user) return json(401, { error: t("errors.signedOut"), code: null });
  const { tenantId } = await params;
  const parsed = search.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!z.uuid().safeParse(tenantId).success || !parsed.success) return json(400, { error: t("errors.invalidInput"), code: null });
  const path = qrPath(parsed.data.page, parsed.data.query);
  try {
    const answer = await trialQrFor(tenantId, user.id, path);
    if (!answer.ok) {
      const { code, meaning } = answer.refusal;
      const text = meaning[(await getLocale()) === "en" ? "en" : "zh-CN"];
      return json(502, { error: code === null ? text : `${code} — ${text}`, code });
    }
    const image = answer.value;
    const headers: Record<string, string> = { "content-type": image.contentType, "cache-control": "private, no-store", "x-content-type-options": "nosniff" };
    if (parsed.data.download) headers["content-disposition"] = `attachment; filename="trial-qr.jpg"`;
    return new Response(new Uint8Array(image.bytes), { status: 200, headers });
  } catch (error) {
    if (error instanceof ExpectedError) return json(409, { error: t(error.messageKey as never, error.values as never), code: null });
    throw error;
  }
}
