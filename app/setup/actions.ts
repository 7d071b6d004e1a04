"use server";

import { signIn } from "@/lib/auth";
import { defineAction, ActionError } from "@/lib/actions";
import { createFirstAdmin } from "@/lib/operators";
import { recordOperation } from "@/lib/history";
import { setupSchema } from "@/lib/validation/auth";

/** Open only while no operator exists; the check and the insert are one statement (lib/operators.ts). */
export const setupAction = defineAction({ role: "public", schema: setupSchema }, async (input) => {
  const created = await createFirstAdmin(input);
  if (!created) throw new ActionError("setup.closed");
  await recordOperation({ action: "operator.setup", request: { email: input.email, name: input.name }, ok: true });
  await signIn("credentials", { email: input.email, password: input.password, redirectTo: "/" });
  return null;
});
