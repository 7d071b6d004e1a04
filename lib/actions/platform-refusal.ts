import "server-only";
import { getLocale } from "next-intl/server";
import { ActionError } from "@/lib/actions/errors";
import type { Locale } from "@/lib/vocab";
import { PlatformError } from "@/lib/platforms/port";

/**
 * Turns what a platform (or the road to it) refused into an ActionError a person can act on, whatever the platform:
 * "code — meaning" in their language when the platform answered with a code, the meaning alone when it was never
 * reached or nothing was sent (no verify ticket, a refused API base, input over a documented limit). Anything that
 * is not a PlatformError is a bug and is rethrown unchanged.
 */
export async function platformRefusal(error: unknown, locale?: Locale): Promise<never> {
  if (!(error instanceof PlatformError)) throw error;
  locale ??= (await getLocale()) === "en" ? "en" : "zh-CN";
  const meaning = error.meaning[locale];
  if (error.code === null) throw new ActionError("accounts.errors.notDone", undefined, { meaning });
  throw new ActionError("accounts.errors.refused", undefined, { errcode: error.code, meaning });
}

/** Runs a platform call, converting refusals as above. */
export async function refusalsAsErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    return platformRefusal(error);
  }
}
