"use server";

import { z } from "zod";
import { ActionError, defineAction } from "@/lib/actions";
import { env } from "@/lib/env";
import { AuthorizeRefused, completeAuthorization, searchAuthorizers, validateAuthorizeRequest } from "@/lib/sandbox/authorize";
import { MAX_CATEGORIES, MAX_NICKNAME, MAX_PRINCIPAL, SEARCH_LIMIT } from "@/lib/sandbox/authorize-catalog";

/**
 * The merchant confirming on the simulated authorization page is not a console operator, so these actions are
 * public. What protects them is the same thing that protects the real page: a valid, unused pre_auth_code, which
 * only the platform can obtain (with its component token). Every parameter is checked again on the server.
 */

// The page's query parameters, echoed back by the form as hidden fields.
const requestFields = {
  component_appid: z.string().max(64),
  pre_auth_code: z.string().max(200),
  redirect_uri: z.string().max(2000),
  auth_type: z.string().max(4).optional(),
  biz_appid: z.string().max(64).optional(),
  category_id_list: z.string().max(1000).optional(),
};

const toArray = (value: unknown) => (value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value]);

const confirmSchema = z.discriminatedUnion("mode", [
  z.object({
    ...requestFields,
    mode: z.literal("existing"),
    appid: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(64, "validation.invalid"),
  }),
  z.object({
    ...requestFields,
    mode: z.literal("new"),
    nickname: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(MAX_NICKNAME, "validation.tooLong"),
    principalName: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(MAX_PRINCIPAL, "validation.tooLong"),
    categories: z.preprocess(
      toArray,
      z
        .array(z.coerce.number("validation.invalid").int("validation.invalid").positive("validation.invalid"))
        .min(1, "validation.required")
        .max(MAX_CATEGORIES, "validation.invalid"),
    ),
  }),
]);

type RequestInput = { [K in keyof typeof requestFields]?: string };
const paramsOf = (input: RequestInput) => ({
  component_appid: input.component_appid,
  pre_auth_code: input.pre_auth_code,
  redirect_uri: input.redirect_uri,
  auth_type: input.auth_type,
  biz_appid: input.biz_appid,
  category_id_list: input.category_id_list,
});

function refused(error: unknown): never {
  if (error instanceof AuthorizeRefused) {
    throw new ActionError(`sandboxAuthorize.problem.${error.problem}`, error.field ? { [error.field]: "validation.invalid" } : undefined);
  }
  throw error;
}

export const confirmAuthorizationAction = defineAction({ role: "public", schema: confirmSchema }, async (input) => {
  if (!env.SANDBOX) throw new ActionError("errors.notFound");
  const choice =
    input.mode === "existing"
      ? { mode: "existing" as const, appid: input.appid }
      : { mode: "new" as const, nickname: input.nickname, principalName: input.principalName, categoryIds: input.categories };
  try {
    const result = await completeAuthorization(paramsOf(input), choice);
    // Only the address the platform itself asked for goes back to the browser, never the refresh token.
    return { redirectUrl: result.redirectUrl };
  } catch (error) {
    refused(error);
  }
});

export const searchMiniProgramsAction = defineAction(
  { role: "public", schema: z.object({ ...requestFields, q: z.string().max(100).default("") }) },
  async ({ q, ...request }) => {
    if (!env.SANDBOX) throw new ActionError("errors.notFound");
    // Listing a platform's mini-programs needs the same valid pre_auth_code as the page that shows them.
    const checked = await validateAuthorizeRequest(paramsOf(request));
    if (!checked.ok) throw new ActionError(`sandboxAuthorize.problem.${checked.problem}`);
    return searchAuthorizers(checked.request, q, SEARCH_LIMIT);
  },
);
