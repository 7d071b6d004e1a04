import "server-only";
import { getLocale } from "next-intl/server";
import { ActionError } from "@/lib/actions/errors";
import type { Locale } from "@/lib/vocab";
import { ClientInputError } from "@/lib/platforms/wechat/schemas/common";
import { NoVerifyTicketError } from "@/lib/platforms/wechat/tokens";
import { ApiBaseRefusedError, WeChatError, WeChatTransportError } from "@/lib/platforms/wechat/errors/wechat-error";

/**
 * Turns what the platform (or the road to it) refused into an ActionError a person can act on: the errcode and its
 * meaning in their language, the reason the platform was not reached, or the missing verify ticket. Anything else
 * is a bug and is rethrown unchanged.
 */
export async function platformRefusal(error: unknown, locale?: Locale): Promise<never> {
  if (error instanceof WeChatError) {
    locale ??= (await getLocale()) === "en" ? "en" : "zh-CN";
    throw new ActionError("accounts.errors.refused", undefined, { errcode: error.errcode, meaning: error.describe(locale) });
  }
  if (error instanceof WeChatTransportError) throw new ActionError("accounts.errors.unreachable", undefined, { reason: error.reason });
  if (error instanceof ApiBaseRefusedError) throw new ActionError("accounts.errors.apiBaseRefused");
  if (error instanceof NoVerifyTicketError) throw new ActionError("accounts.errors.noTicket");
  if (error instanceof ClientInputError) throw new ActionError("accounts.errors.invalidRequest", undefined, { detail: error.message });
  throw error;
}

/** Runs a platform call, converting refusals as above. */
export async function refusalsAsErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    return platformRefusal(error);
  }
}
