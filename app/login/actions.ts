"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { signIn } from "@/lib/auth";
import { safeCallbackPath } from "@/lib/auth/config";
import { defineAction, ActionError } from "@/lib/actions";
import { signInSchema } from "@/lib/validation/auth";

/** Public by nature; the brute-force guard and argon2 check live in the Credentials provider (lib/auth). */
export const signInAction = defineAction({ role: "public", schema: signInSchema }, async (input) => {
  try {
    await signIn("credentials", {
      email: input.email,
      password: input.password,
      redirectTo: safeCallbackPath(input.callbackUrl),
    });
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      const code = error.code ?? "";
      if (code.startsWith("locked:")) throw new ActionError("login.locked", undefined, { seconds: Number(code.slice(7)) });
      if (code === "disabled") throw new ActionError("login.disabled");
      throw new ActionError("login.invalid");
    }
    if (error instanceof AuthError) throw new ActionError("login.invalid");
    throw error;
  }
  return null;
});
