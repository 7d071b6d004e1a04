"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions";
import { recordOperation } from "@/lib/history";
import { changeRole, createOperator, setDisabled } from "@/lib/console/operators";
import { changeRoleSchema, createOperatorSchema, setDisabledSchema } from "@/lib/validation/auth";

export const createOperatorAction = defineAction({ role: "admin", schema: createOperatorSchema }, async (input, { user }) => {
  const created = await createOperator(input);
  await recordOperation({ actorId: user.id, action: "operator.create", request: { email: input.email, role: input.role }, ok: true });
  revalidatePath("/admin/operators");
  return created;
});

export const changeRoleAction = defineAction({ role: "admin", schema: changeRoleSchema }, async (input, { user }) => {
  await changeRole(user.id, input.id, input.role);
  await recordOperation({ actorId: user.id, action: "operator.role", request: input, ok: true });
  revalidatePath("/admin/operators");
  return null;
});

export const setDisabledAction = defineAction({ role: "admin", schema: setDisabledSchema }, async (input, { user }) => {
  await setDisabled(user.id, input.id, input.disabled);
  await recordOperation({ actorId: user.id, action: input.disabled ? "operator.disable" : "operator.enable", request: { id: input.id }, ok: true });
  revalidatePath("/admin/operators");
  return null;
});
