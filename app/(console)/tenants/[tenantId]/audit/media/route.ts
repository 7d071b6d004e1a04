import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { defineTenantAction, tenantInput } from "@/lib/actions/tenant";
import type { ActionResult } from "@/lib/actions/result";
import { getCurrentUser } from "@/lib/auth/session";
import { hasRole } from "@/lib/auth/roles";
import { uploadAuditMedia, type AuditMediaPurpose } from "@/lib/console/audit-media";
import { MEDIA_FORMATS } from "@/lib/validation/media";

/**
 * POST multipart (`file`, `purpose` = preview | feedback): uploads one picture or video for the audit tab and answers
 * an ActionResult `{ mediaId, kind, name }` as JSON, which the form reads like any action's result.
 *
 * A route, not a server action: a 10 MB video needs the body limit raised, and serverActions.bodySizeLimit would
 * raise it for every action of the app (the sign-in form included), each body parsed before anyone is known. Here
 * only this path takes large bodies, and only after the origin, the session, the role and the declared length were
 * checked. What a server action gets for free is done by hand: same-origin only (Next compares Origin with the
 * host for actions; a cross-site form could otherwise post here with the operator's cookie), the role on the
 * server, then the same tenant wrapper as the tab's actions (tenant checks, the history with the operator as
 * actor, refusals as "code — meaning").
 */

const LARGEST = Math.max(...Object.values(MEDIA_FORMATS).map((f) => f.maxBytes));
// Room for the multipart boundaries and the other field; anything larger is refused unread.
const MAX_BODY = LARGEST + 64 * 1024;

const upload = defineTenantAction(
  {
    role: "operator",
    schema: tenantInput.extend({
      purpose: z.enum(["preview", "feedback"], "validation.invalid"),
      file: z.object({ name: z.string().min(1).max(200), type: z.string().max(100), bytes: z.instanceof(Uint8Array) }),
    }),
  },
  ({ purpose, file }, { platform }) => uploadAuditMedia(platform, file, purpose),
);

const answer = (status: number, body: ActionResult<unknown>) => Response.json(body, { status, headers: { "cache-control": "no-store" } });

function sameOrigin(req: Request) {
  const origin = req.headers.get("origin");
  if (!origin) return false;
  // As Next does for server actions: the public host a reverse proxy forwards, else the request's own.
  const host = (req.headers.get("x-forwarded-host") ?? req.headers.get("host") ?? new URL(req.url).host).split(",")[0]!.trim();
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export async function POST(req: Request, { params }: { params: Promise<{ tenantId: string }> }) {
  const { tenantId } = await params;
  const t = await getTranslations();
  if (!sameOrigin(req)) return answer(403, { ok: false, error: t("errors.forbidden") });
  const user = await getCurrentUser();
  if (!user) return answer(401, { ok: false, error: t("errors.signedOut") });
  if (!hasRole(user.role, "operator")) return answer(403, { ok: false, error: t("errors.forbidden") });
  // A browser always declares the length of a FormData body; without it the body could be any size.
  const length = Number(req.headers.get("content-length") ?? NaN);
  if (!(length <= MAX_BODY)) return answer(413, { ok: false, error: t("audit.media.bodyTooLarge") });

  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return answer(400, { ok: false, error: t("errors.invalidInput") });
  }
  const file = form.get("file");
  if (!(file instanceof File)) return answer(400, { ok: false, error: t("audit.media.noFile") });
  const bytes = new Uint8Array(await file.arrayBuffer());
  const purpose = String(form.get("purpose") ?? "") as AuditMediaPurpose;
  const result = await upload({ tenantId, purpose, file: { name: file.name, type: file.type, bytes } });
  return answer(result.ok ? 200 : 400, result);
}
