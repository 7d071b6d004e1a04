import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { inboundEvents, platformAccounts, type PlatformAccount } from "@/lib/db/schema";
import { baiduPushEnvelope, baiduPushRefusal, openSignedBaiduPush, storedBaiduPushPayload } from "@/lib/platforms/baidu/push";
import { authorizationCodeHash } from "@/lib/platforms/wechat/push";
import { ATTEMPT_LEASE_MINUTES } from "./events";
import { processAfterAnswer, type IngressOptions } from "./ingress";
import { readBody, Refused, text } from "./ingress-body";

/**
 * The console's receiver of Baidu pushes. Baidu POSTs a JSON envelope `{Nonce, TimeStamp, Encrypt, MsgSignature}` to
 *   /api/baidu/{client_id}/auth      (the ticket every 10 minutes; AUTHORIZED / UPDATE_AUTHORIZED / UNAUTHORIZED)
 *   /api/baidu/{client_id}/message   (PACKAGE_AUDIT_PASS / PACKAGE_AUDIT_FAIL)
 * Public URLs: the only authentication is MsgSignature (SHA1 over the account's push token), then the decrypted
 * message must name the account's client_id as its receiver. Both URLs accept any kind: the message itself, signed,
 * says what it is (and names the smart program in `appId`), so the URL adds nothing to trust.
 *
 * As for WeChat (./ingress.ts): every refusal answers 400 text and writes nothing; an unknown client_id, an account
 * without push keys and a wrong signature get the same answer after the same work; the replay guard is the unique
 * (account, signature, nonce) index; an accepted push is stored (raw envelope + decrypted fields with the ticket and
 * authorization code redacted, the code's sha256 kept for the onboarding page), answered `success` at once and
 * processed afterwards (./events.ts). The format itself is lib/platforms/baidu/push.ts.
 */

export type BaiduPushTarget = { clientId: string; channel: "auth" | "message" };

const CLIENT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The Baidu account named in the URL (the push still has to prove it was signed with that account's token). */
async function accountOf(clientId: string): Promise<PlatformAccount | undefined> {
  if (!CLIENT_ID.test(clientId)) return undefined;
  const [account] = await db
    .select()
    .from(platformAccounts)
    .where(and(eq(platformAccounts.platform, "baidu"), eq(platformAccounts.appId, clientId)));
  return account;
}

/** TimeStamp in seconds: Baidu's are seconds; 13 digits are read as milliseconds (the column is seconds). */
const seconds = (timestamp: string) => (timestamp.length > 10 ? Math.floor(Number(timestamp) / 1000) : Number(timestamp));

async function accept(req: Request, target: BaiduPushTarget, options: IngressOptions) {
  // Read and parsed before the account is looked up: what a malformed body is told must not depend on the client_id.
  const rawBody = await readBody(req);
  const envelope = baiduPushEnvelope(rawBody, (options.now ?? Date.now)());
  const { account, parsed, fields, kind } = openSignedBaiduPush(await accountOf(target.clientId), envelope);
  const payload = storedBaiduPushPayload(parsed) as Record<string, unknown>;
  if (fields.authorizationCode) payload.AuthorizationCodeSha256 = authorizationCodeHash(fields.authorizationCode);

  const [row] = await db
    .insert(inboundEvents)
    .values({
      accountId: account.id,
      authorizerAppid: fields.appId ? fields.appId.slice(0, 64) : null,
      kind,
      msgSignature: envelope.msgSignature,
      nonce: envelope.nonce,
      timestamp: seconds(envelope.timestamp),
      rawBody,
      payload,
      // Processing starts right after the answer; should it never finish, the retry sweep takes over after this.
      nextAttemptAt: sql`now() + make_interval(mins => ${ATTEMPT_LEASE_MINUTES})`,
    })
    .onConflictDoNothing({ target: [inboundEvents.accountId, inboundEvents.msgSignature, inboundEvents.nonce] })
    .returning({ id: inboundEvents.id });
  if (!row) throw new Refused("replayed push");
  return { id: row.id, fields };
}

/** Handles one Baidu push request; the two route handlers are thin wrappers around this. */
export async function receiveBaiduPush(req: Request, target: BaiduPushTarget, options: IngressOptions): Promise<Response> {
  try {
    const { id, fields } = await accept(req, target, options);
    processAfterAnswer(id, fields, options);
    return text("success", 200);
  } catch (error) {
    const refusal = error instanceof Refused ? { answer: error.message, reason: error.reason } : baiduPushRefusal(error);
    if (refusal) {
      // The client_id comes from the URL, unchecked at this point: quoted and cut, so it cannot forge log lines.
      console.warn(`[baidu] push to ${JSON.stringify(target.clientId.slice(0, 64))} (${target.channel}) refused: ${refusal.reason}`);
      return text(refusal.answer, 400);
    }
    // A database outage is not the sender's fault: 500 makes the platform retry.
    console.error("[baidu] push could not be received", error);
    return text("error", 500);
  }
}
