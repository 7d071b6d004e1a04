import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/session";
import { verificationFileFor } from "@/lib/console/qrcode-jump";
import { ExpectedError } from "@/lib/errors";

/**
 * The QR-jump verification file (qrcodejumpdownload) as a file the browser saves under the platform's own name, for
 * the signed-in console only (a viewer too: it changes nothing). A refusal answers JSON `{ error, code }`.
 */

const json = (status: number, body: Record<string, unknown>) => Response.json(body, { status, headers: { "cache-control": "no-store" } });

export async function GET(_request: Request, { params }: { params: Promise<{ tenantId: string }> }) {
  const t = await getTranslations();
  const user = await getCurrentUser();
  if (!user) return json(401, { error: t("errors.signedOut"), code: null });
  const { tenantId } = await params;
  if (!z.uuid().safeParse(tenantId).success) return json(400, { error: t("errors.invalidInput"), code: null });
  try {
    const answer = await verificationFileFor(tenantId, user.id);
    if (!answer.ok) {
      const { code, meaning } = answer.refusal;
      const text = meaning[(await getLocale()) === "en" ? "en" : "zh-CN"];
      return json(502, { error: code === null ? text : `${code} — ${text}`, code });
    }
    // The platform names the file; keep only characters safe in a header and a file name.
    const name = answer.value.fileName.replace(/[^A-Za-z0-9._-]/g, "_") || "verification.txt";
    return new Response(answer.value.content, {
      status: 200,
      headers: {
        "content-type": "text/plain; charset=utf-8",
        "content-disposition": `attachment; filename="${name}"`,
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (error) {
    if (error instanceof ExpectedError) return json(409, { error: t(error.messageKey as never, error.values as never), code: null });
    throw error;
  }
}
