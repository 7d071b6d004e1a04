import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { operators } from "@/lib/db/schema";
import { attemptKeys, attemptSucceeded, claimAttempt } from "./brute-force";
import { CLIENT_IP_HEADER } from "./client-address";
import { burnPasswordCheck, verifyPassword } from "./password";

export type SignInUser = { id: string; email: string; name: string; role: (typeof operators.$inferSelect)["role"]; sessionVersion: number };
export type SignInOutcome =
  | { ok: true; user: SignInUser }
  | { ok: false; reason: "invalid" | "disabled" }
  | { ok: false; reason: "locked"; seconds: number };

/** The address scripts/serve.ts determined for this request; never a header the client could have written. */
export const clientIp = (headers: Headers): string | null => headers.get(CLIENT_IP_HEADER) || null;

/**
 * The whole credentials check behind Auth.js' `authorize` (lib/auth/index.ts): the attempt is counted before argon2
 * runs, so a burst of parallel guesses verifies at most the lock threshold of them.
 */
export async function checkCredentials(email: string, password: string, ip: string | null): Promise<SignInOutcome> {
  const keys = attemptKeys(email, ip);
  const claim = await claimAttempt(keys);
  if (!claim.ok) return { ok: false, reason: "locked", seconds: claim.lockedSeconds };

  const [operator] = await db.select().from(operators).where(eq(operators.email, email)).limit(1);
  const valid = operator ? await verifyPassword(operator.passwordHash, password) : (await burnPasswordCheck(password), false);
  if (!operator || !valid) {
    return claim.lockedSeconds > 0 ? { ok: false, reason: "locked", seconds: claim.lockedSeconds } : { ok: false, reason: "invalid" };
  }
  // The right password is not a guess, even for a disabled account: the attempt is given back either way.
  await attemptSucceeded(claim.ticket, [keys[0]]);
  if (operator.disabled) return { ok: false, reason: "disabled" };
  return {
    ok: true,
    user: { id: operator.id, email: operator.email, name: operator.name, role: operator.role, sessionVersion: operator.sessionVersion },
  };
}
