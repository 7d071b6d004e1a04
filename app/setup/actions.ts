"use server";

import { headers } from "next/headers";
import { signIn } from "@/lib/auth";
import { clientIp } from "@/lib/auth/credentials";
import { defineAction, ActionError } from "@/lib/actions";
import { env } from "@/lib/env";
import { recordOperation } from "@/lib/history";
import { createFirstAdminWithCode, setupCodeRequired } from "@/lib/console/setup";
import { setupSchema } from "@/lib/validation/auth";

/**
 * Open only while no operator exists; the check and the insert are one statement (lib/console/operators.ts). In production
 * it also needs the one-time setup code, checked before the password is hashed (lib/console/setup.ts).
 */
export const setupAction = defineAction({ role: "public", schema: setupSchema }, async (input) => {
  const created = await createFirstAdminWithCode(input, {
    requireCode: setupCodeRequired(),
    ip: clientIp(await headers()),
    setupToken: env.SETUP_TOKEN,
  });
  if (!created) throw new ActionError("setup.closed");
  await recordOperation({ action: "operator.setup", request: { email: input.email, name: input.name }, ok: true });
  await signIn("credentials", { email: input.email, password: input.password, redirectTo: "/" });
  return null;
});
