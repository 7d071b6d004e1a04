import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { signInSchema } from "@/lib/validation/auth";
import { authConfig } from "./config";
import { checkCredentials, clientIp } from "./credentials";

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
        const outcome = await checkCredentials(parsed.data.email, parsed.data.password, clientIp(request.headers));
        if (outcome.ok) return outcome.user;
        if (outcome.reason === "locked") throw new LockedSignIn(outcome.seconds);
        if (outcome.reason === "disabled") throw new DisabledSignIn();
        return null;
      },
    }),
  ],
});
