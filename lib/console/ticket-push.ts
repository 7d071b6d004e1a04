import "server-only";
import type { PlatformAccount } from "@/lib/db/schema";
import { ExpectedError } from "@/lib/errors";
import type { CallContext } from "@/lib/platforms/port";
import { getComponentClient } from "@/lib/platforms/wechat/client";
import { accountApiBase, isSandboxApiBase } from "./accounts";

/**
 * "Push ticket now", whatever the platform. WeChat has an API for it (api_start_push_ticket: the platform pushes a
 * fresh component_verify_ticket to the auth-events URL at once). Baidu documents none: its ticket simply arrives
 * every 10 minutes. For an account on the Baidu emulator the caller passes `sandboxPush`, which asks the emulator to
 * push one (its control surface, the operator's own admin session); for a real Baidu account there is nothing to ask.
 */
export type SandboxTicketPush = (clientId: string) => Promise<void>;

/** Whether the accounts page offers "Push ticket now" for this account. */
export function canRequestTicketPush(account: Pick<PlatformAccount, "platform" | "apiBase">): boolean {
  return account.platform === "wechat" || isSandboxApiBase(accountApiBase(account));
}

export async function requestTicketPush(account: PlatformAccount, context: CallContext = {}, sandboxPush?: SandboxTicketPush): Promise<void> {
  switch (account.platform) {
    case "wechat":
      await getComponentClient(account, context).startPushTicket();
      return;
    case "baidu":
      if (!canRequestTicketPush(account) || !sandboxPush) throw new ExpectedError("accounts.baiduTicketByPushOnly");
      await sandboxPush(account.appId);
      return;
  }
}
