import { getTranslations } from "next-intl/server";
import { getCurrentUser } from "@/lib/auth/session";
import { historyCsvStream } from "@/lib/history/export";
import { parseHistoryFilter } from "@/lib/history/filter";

/** The history of the current filter as a CSV download, streamed from the database (lib/history/export.ts). */
export async function GET(request: Request) {
  const user = await getCurrentUser();
  if (!user) {
    const t = await getTranslations();
    return Response.json({ error: t("errors.signedOut"), code: null }, { status: 401, headers: { "cache-control": "no-store" } });
  }
  const filter = parseHistoryFilter(Object.fromEntries(new URL(request.url).searchParams));
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
  return new Response(historyCsvStream(filter), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="history-${stamp}.csv"`,
      "cache-control": "no-store",
    },
  });
}
