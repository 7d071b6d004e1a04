"use server";

import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth";
import { defineAction } from "@/lib/actions";
import { recordOperation } from "@/lib/history";
import { changeOwnPassword } from "@/lib/console/operators";
import { changePasswordSchema } from "@/lib/validation/auth";

export const changePasswordAction = defineAction({ role: "viewer", schema: changePasswordSchema }, async (input, { user }) => {
  // Ends every session of this operator, this browser's included (lib/console/operators.ts)…
  await changeOwnPassword(user.id, input.current, input.password);
  await recordOperation({ actorId: user.id, action: "operator.password", ok: true });
  // …then signs this browser in again: a fresh cookie under the new session version, issued by the server. A
  // client-driven session update is never trusted for this (it would let an old cookie revive itself).
  try {
    await signIn("credentials", { email: user.email, password: input.password, redirect: false });
  } catch (error) {
    // Refused (the account is locked by someone else's guesses): the password is changed all the same, and this
    // browser lands on the sign-in page at its next navigation.
    if (!(error instanceof AuthError)) throw error;
  }
  return null;
});
