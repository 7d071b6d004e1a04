import { z } from "zod";
import { ROLES } from "@/lib/vocab";

/**
 * Form schemas shared by the browser and the server. Messages are catalog keys under "validation.*",
 * translated where they are shown.
 */
export const emailField = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "validation.required")
  .max(254, "validation.tooLong")
  .pipe(z.email("validation.email"));

export const newPasswordField = z
  .string()
  .min(10, "validation.passwordShort")
  .max(200, "validation.tooLong");

export const signInSchema = z.object({
  email: emailField,
  password: z.string().min(1, "validation.required").max(200, "validation.tooLong"),
  callbackUrl: z.string().optional(),
});

export const nameField = z.string().trim().min(1, "validation.required").max(80, "validation.tooLong");

export const createOperatorSchema = z.object({
  email: emailField,
  name: nameField,
  role: z.enum(ROLES, "validation.role"),
  password: newPasswordField,
});

// `code`: the one-time setup code, required in production only (the server decides, lib/console/setup.ts).
export const setupSchema = z
  .object({
    email: emailField,
    name: nameField,
    password: newPasswordField,
    confirm: z.string(),
    code: z.string().trim().max(200, "validation.tooLong").optional(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "validation.passwordMismatch" });

export const changePasswordSchema = z
  .object({ current: z.string().min(1, "validation.required"), password: newPasswordField, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "validation.passwordMismatch" });

export const operatorIdSchema = z.object({ id: z.uuid("validation.invalid") });
export const changeRoleSchema = operatorIdSchema.extend({ role: z.enum(ROLES, "validation.role") });
export const setDisabledSchema = operatorIdSchema.extend({
  disabled: z.preprocess((v) => v === true || v === "true" || v === "1" || v === "on", z.boolean()),
});
