"use server";

import { defineAction } from "@/lib/actions";
import { recordOperation } from "@/lib/history";
import { changeOwnPassword } from "@/lib/operators";
import { changePasswordSchema } from "@/lib/validation/auth";

export const changePasswordAction = defineAction({ role: "viewer", schema: changePasswordSchema }, async (input, { user }) => {
  await changeOwnPassword(user.id, input.current, input.password);
  await recordOperation({ actorId: user.id, action: "operator.password", ok: true });
  return null;
});
