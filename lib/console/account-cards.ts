import "server-only";
import { accountApiBase, callbackUrls, listAccounts } from "@/lib/console/accounts";
import { canRequestTicketPush } from "@/lib/console/ticket-push";
import type { Platform } from "@/lib/vocab";
import { MAX_ATTEMPTS } from "@/lib/console/events";
import { inboundFailuresByAccount } from "@/lib/console/events-retry";

/** A platform account as the browser gets it: whether each secret is set, never the secret. */
export type AccountCardData = {
  id: string;
  platform: Platform;
  name: string;
  appId: string;
  apiBase: string | null;
  /** Where calls go when apiBase is empty (WeChat: WECHAT_API_BASE; Baidu: https://openapi.baidu.com). */
  defaultApiBase: string;
  secretSet: boolean;
  tokenSet: boolean;
  aesKeySet: boolean;
  previousAesKeySet: boolean;
  verifyTicketAt: string | null;
  callbacks: { authEvents: string; messages: string };
  /** Its API base is an emulator (…/sandbox/wechat, …/sandbox/baidu): nothing done with it reaches the platform. */
  sandbox: boolean;
  /** "Push ticket now" applies: WeChat accounts, and Baidu accounts on the emulator (Baidu has no such API). */
  canPushTicket: boolean;
  /** "Re-pull refresh tokens" applies: WeChat lists its grants, Baidu does not. */
  canRepull: boolean;
  /** Pushes whose processing failed and that are not processed yet; null when there are none. */
  failedPushes: {
    count: number;
    /** The newest failure's error (redacted). */
    lastError: string | null;
    /** The earliest retry; null when every one has used its `maxAttempts`. */
    nextAttemptAt: string | null;
    maxAttempts: number;
  } | null;
};

/**
 * What Settings → Platform accounts renders, one card per account: whether each secret is set (never the secret),
 * whether the account points at the sandbox, and the pushes whose processing failed and are not processed yet.
 */
export async function accountCards(): Promise<AccountCardData[]> {
  const accounts = await listAccounts();
  const failures = await inboundFailuresByAccount(accounts.map((a) => a.id));
  return accounts.map((a) => {
    const failed = failures.get(a.id);
    return {
      id: a.id,
      platform: a.platform,
      name: a.name,
      appId: a.appId,
      apiBase: a.apiBase,
      defaultApiBase: accountApiBase({ platform: a.platform, apiBase: null }),
      secretSet: a.secretSet,
      tokenSet: a.tokenSet,
      aesKeySet: a.aesKeySet,
      previousAesKeySet: a.previousAesKeySet,
      verifyTicketAt: a.verifyTicketAt?.toISOString() ?? null,
      callbacks: callbackUrls(a),
      sandbox: a.sandbox,
      canPushTicket: canRequestTicketPush(a),
      canRepull: a.platform === "wechat",
      failedPushes: failed
        ? { count: failed.count, lastError: failed.lastError, nextAttemptAt: failed.nextAttemptAt?.toISOString() ?? null, maxAttempts: MAX_ATTEMPTS }
        : null,
    };
  });
}
