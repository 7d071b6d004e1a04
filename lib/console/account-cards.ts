import "server-only";
import type { AccountCardData } from "@/components/accounts/types";
import { callbackUrls, effectiveApiBase, listAccounts } from "@/lib/console/accounts";
import { MAX_ATTEMPTS } from "@/lib/console/events";
import { inboundFailuresByAccount } from "@/lib/console/events-retry";

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
      name: a.name,
      appId: a.appId,
      apiBase: a.apiBase,
      defaultApiBase: effectiveApiBase(null),
      secretSet: a.secretSet,
      tokenSet: a.tokenSet,
      aesKeySet: a.aesKeySet,
      previousAesKeySet: a.previousAesKeySet,
      verifyTicketAt: a.verifyTicketAt?.toISOString() ?? null,
      callbacks: callbackUrls(a.appId),
      sandbox: a.sandbox,
      failedPushes: failed
        ? { count: failed.count, lastError: failed.lastError, nextAttemptAt: failed.nextAttemptAt?.toISOString() ?? null, maxAttempts: MAX_ATTEMPTS }
        : null,
    };
  });
}
