"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions";
import { authorizationProgress, createAuthorizationLink, ONBOARDING_AUTH_TYPES } from "@/lib/console/onboarding";
import { refusalsAsErrors } from "@/lib/actions/platform-refusal";

const linkSchema = z.object({
  accountId: z.uuid("validation.required"),
  authType: z.coerce.number("validation.invalid").pipe(z.literal(ONBOARDING_AUTH_TYPES, "validation.invalid")).default(2),
});

/** A fresh pre_auth_code and its authorization links (PC page, H5 as a QR code). Operators and admins. */
export const createAuthorizationLinkAction = defineAction({ role: "operator", schema: linkSchema }, async (input, { user }) =>
  refusalsAsErrors(() => createAuthorizationLink(input.accountId, input.authType, user.id)),
);

const progressSchema = z.object({
  accountId: z.uuid("validation.invalid"),
  // The code's sha256 as the callback page received it from the server: never the code itself.
  codeHash: z.string().regex(/^[0-9a-f]{64}$/, "validation.invalid"),
});

/** The callback page's poll while the platform's push finishes storing the tenant (lib/console/onboarding). */
export const authorizationProgressAction = defineAction({ role: "operator", schema: progressSchema }, ({ accountId, codeHash }) =>
  authorizationProgress(accountId, codeHash),
);
