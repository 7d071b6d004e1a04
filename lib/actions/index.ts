import "server-only";
import { unstable_rethrow } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import type { z } from "zod";
import { getCurrentUser, type SessionUser } from "@/lib/auth/session";
import { hasRole } from "@/lib/auth/roles";
import { ExpectedError } from "@/lib/errors";
import { PlatformError } from "@/lib/platforms/port";
import type { Role } from "@/lib/vocab";
import type { ActionResult, FieldErrors } from "./result";

export type { ActionResult } from "./result";
export { ActionError } from "./errors";
export { ExpectedError };

export type Translator = Awaited<ReturnType<typeof getTranslations>>;

function formDataToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    if (key.startsWith("$ACTION") || typeof value !== "string") continue;
    out[key] = key in out ? ([] as unknown[]).concat(out[key], value) : value;
  }
  return out;
}

const messageKey = (message: string) => (message.startsWith("validation.") ? message : "validation.invalid");

function translateFieldErrors(t: Translator, issues: z.core.$ZodIssue[]): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    (out[String(issue.path[0] ?? "_")] ??= []).push(t(messageKey(issue.message) as never));
  }
  return out;
}

export type ActionContext<R extends Role | "public"> = { user: R extends "public" ? SessionUser | null : SessionUser; t: Translator };

/**
 * The one wrapper every server action goes through: session → role → zod parse → run → result.
 * Every `"use server"` export is a public POST endpoint, so nothing here trusts the caller.
 * Expected failures come back as `{ ok: false }`: an ExpectedError translated, a PlatformError as "code — meaning"
 * in the operator's language with its `code`. Anything else is a bug and is thrown (the error page, the log).
 */
export function defineAction<S extends z.ZodType, T, R extends Role | "public">(
  options: { role: R; schema: S },
  run: (input: z.output<S>, ctx: ActionContext<R>) => Promise<T>,
) {
  return async (input: FormData | z.input<S>): Promise<ActionResult<T>> => {
    const t = await getTranslations();
    const user = await getCurrentUser();
    if (options.role !== "public") {
      if (!user) return { ok: false, error: t("errors.signedOut") };
      if (!hasRole(user.role, options.role as Role)) return { ok: false, error: t("errors.forbidden") };
    }
    const parsed = options.schema.safeParse(input instanceof FormData ? formDataToObject(input) : input);
    if (!parsed.success) {
      return { ok: false, error: t("errors.invalidInput"), fieldErrors: translateFieldErrors(t, parsed.error.issues) };
    }
    try {
      return { ok: true, data: await run(parsed.data, { user, t } as ActionContext<R>) };
    } catch (error) {
      unstable_rethrow(error);
      if (error instanceof PlatformError) {
        const locale = (await getLocale()) === "en" ? "en" : "zh-CN";
        return { ok: false, error: error.describe(locale), code: error.code, ...(error.rid ? { rid: error.rid } : {}) };
      }
      if (error instanceof ExpectedError) {
        const fieldErrors = error.fieldErrors
          ? Object.fromEntries(Object.entries(error.fieldErrors).map(([field, key]) => [field, [t(messageKey(key) as never)]]))
          : undefined;
        return { ok: false, error: t(error.messageKey as never, error.values as never), fieldErrors };
      }
      throw error;
    }
  };
}
