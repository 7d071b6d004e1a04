import "server-only";
import { createHash, randomInt, timingSafeEqual } from "node:crypto";
import { and, count, eq, gt, lt } from "drizzle-orm";
import { db, type Db } from "@/lib/db/client";
import { operators, setupCodes } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { ExpectedError } from "@/lib/errors";
import { attemptSucceeded, claimAttempt } from "@/lib/auth/brute-force";
import { createFirstAdmin, operatorCount } from "@/lib/console/operators";

/**
 * First run of a production deployment. Whoever reaches /setup first becomes admin, so under `npm start` the page
 * asks for a one-time code only the person who started the server can know: printed in the server log by the
 * launcher (only its sha256 is stored), or SETUP_TOKEN from the environment. `npm run dev` asks for nothing.
 */
export const SETUP_CODE_TTL_MS = 24 * 60 * 60_000;
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"; // RFC 4648 base32: no 0/1/8/9 to mistake for O/I/B/g

export const setupCodeRequired = () => env.NODE_ENV === "production";

/** 16 base32 characters (80 bits) in four groups: `K7QM-2XWA-…`. */
export function generateSetupCode(): string {
  const chars = Array.from({ length: 16 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  return chars.match(/.{4}/g)!.join("-");
}

/** Case, spaces and dashes do not matter when the code is typed back. */
const hashCode = (code: string) => createHash("sha256").update(code.toUpperCase().replace(/[^A-Z0-9]/g, "")).digest("hex");
const sha256 = (value: string) => createHash("sha256").update(value).digest();

/**
 * Called by the launcher under `npm start`, with its own connection (like the demo seed): while no operator exists, stores a new code and returns it to be printed.
 * Instances starting together each add their own; every unexpired one is valid until the first admin exists.
 */
export async function issueSetupCode(database: Db): Promise<string | null> {
  const [existing] = await database.select({ n: count() }).from(operators);
  if ((existing?.n ?? 0) > 0) return null;
  await database.delete(setupCodes).where(lt(setupCodes.expiresAt, new Date()));
  const code = generateSetupCode();
  await database.insert(setupCodes).values({ codeHash: hashCode(code), expiresAt: new Date(Date.now() + SETUP_CODE_TTL_MS) });
  return code;
}

async function codeIsValid(code: string, setupToken: string | undefined): Promise<boolean> {
  if (setupToken && timingSafeEqual(sha256(code), sha256(setupToken))) return true;
  const rows = await db
    .select({ hash: setupCodes.codeHash })
    .from(setupCodes)
    .where(and(eq(setupCodes.codeHash, hashCode(code)), gt(setupCodes.expiresAt, new Date())))
    .limit(1);
  return rows.length > 0;
}

type SetupInput = { email: string; name: string; password: string; code?: string };
type SetupOptions = { requireCode: boolean; ip: string | null; setupToken?: string };

/**
 * Creates the first admin (false once one exists). When a code is required it is checked, and throttled per address
 * and globally, before anything is hashed: a guess costs a database lookup, not an argon2 run.
 */
export async function createFirstAdminWithCode(input: SetupInput, options: SetupOptions): Promise<boolean> {
  if ((await operatorCount()) > 0) return false;
  if (options.requireCode) {
    const code = input.code?.trim() ?? "";
    if (!code) throw new ExpectedError("setup.codeNeeded", { code: "validation.required" });
    const keys = [...(options.ip ? [`setup:${options.ip}`] : []), "setup"];
    const claim = await claimAttempt(keys);
    if (!claim.ok) throw new ExpectedError("setup.locked", undefined, { seconds: claim.lockedSeconds });
    if (!(await codeIsValid(code, options.setupToken))) {
      if (claim.lockedSeconds > 0) throw new ExpectedError("setup.locked", undefined, { seconds: claim.lockedSeconds });
      throw new ExpectedError("setup.wrongCode", { code: "validation.setupCode" });
    }
    await attemptSucceeded(claim.ticket, keys.filter((key) => key !== "setup"));
  }
  // The codes are deleted in the same transaction as the admin is created (lib/console/operators.ts).
  return createFirstAdmin(input);
}
