import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { operators } from "@/lib/db/schema";
import { signInSchema } from "@/lib/validation/auth";
import { authConfig } from "./config";
import { attemptKeys, clearFailures, lockedForSeconds, recordFailure } from "./brute-force";
import { burnPasswordCheck, verifyPassword } from "./password";

/** Sign-in refusals carry a code the login form turns into a message. */
export class LockedSignIn extends CredentialsSignin {
  constructor(readonly seconds: number) {
    super();
    this.code = `locked:${seconds}`;
  }
}
class DisabledSignIn extends CredentialsSignin {
  code = "disabled";
}

export function clientIp(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip") || null;
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  logger: {
    // A refused sign-in is an expected outcome (shown to the person), not a server error worth a stack trace.
    error(error) {
      if (error.name === "CredentialsSignin" || (error as { type?: string }).type === "CredentialsSignin") return;
      console.error(`[auth] ${error.name}: ${error.message}`);
    },
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw, request) {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        const keys = attemptKeys(email, clientIp(request.headers));

        const wait = await lockedForSeconds(keys);
        if (wait > 0) throw new LockedSignIn(wait);

        const [operator] = await db.select().from(operators).where(eq(operators.email, email)).limit(1);
        const valid = operator ? await verifyPassword(operator.passwordHash, password) : (await burnPasswordCheck(password), false);
        if (!operator || !valid) {
          await recordFailure(keys);
          const after = await lockedForSeconds(keys);
          if (after > 0) throw new LockedSignIn(after);
          return null;
        }
        if (operator.disabled) throw new DisabledSignIn();
        await clearFailures(email);
        return { id: operator.id, email: operator.email, name: operator.name, role: operator.role, sessionVersion: operator.sessionVersion };
      },
    }),
  ],
});
