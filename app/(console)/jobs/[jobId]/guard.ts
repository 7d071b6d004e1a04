import "server-only";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/session";

const NO_STORE = { "cache-control": "no-store" };

/**
 * The job routes' gate (status, items, CSV): a signed-in operator of any role (viewers see everything), and a job id
 * that is a uuid. Answers the refusal to send, or null to go on.
 */
export async function jobRouteGuard(jobId: string): Promise<Response | null> {
  if (!(await getCurrentUser())) {
    const t = await getTranslations();
    return Response.json({ error: t("errors.signedOut"), code: null }, { status: 401, headers: NO_STORE });
  }
  if (!z.uuid().safeParse(jobId).success) return notFound();
  return null;
}

export async function notFound(): Promise<Response> {
  const t = await getTranslations();
  return Response.json({ error: t("jobs.errors.notFound"), code: null }, { status: 404, headers: NO_STORE });
}

export const json = (body: unknown) => Response.json(body, { headers: NO_STORE });
