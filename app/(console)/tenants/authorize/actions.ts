"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions";
import { createAuthorizationLink, ONBOARDING_AUTH_TYPES } from "@/lib/console/onboarding";
import { refusalsAsErrors } from "@/lib/actions/platform-refusal";

const linkSchema = z.object({
  accountId: z.uuid("validation.required"),
  authType: z.coerce.number("validation.invalid").pipe(z.literal(ONBOARDING_AUTH_TYPES, "validation.invalid")).default(2),
});

/** A fresh pre_auth_code and its authorization links (PC page, H5 as a QR code). Operators and admins. */
export const createAuthorizationLinkAction = defineAction({ role: "operator", schema: linkSchema }, async (input, { user }) =>
  refusalsAsErrors(() => createAuthorizationLink(input.accountId, input.authType, user.id)),
);
