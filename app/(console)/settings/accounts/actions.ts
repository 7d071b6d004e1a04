"use server";

import { revalidatePaths } from "@/lib/actions/revalidate";
import { defineAction } from "@/lib/actions";
import { createAccount, loadAccount, updateAccount } from "@/lib/console/accounts";
import { requestTicketPush } from "@/lib/console/ticket-push";
import { ExpectedError } from "@/lib/errors";
import { sandboxBaiduTicketPush } from "./sandbox-ticket";
import { refusalsAsErrors } from "@/lib/actions/platform-refusal";
import { accountIdSchema, createAccountSchema, updateAccountSchema } from "@/lib/validation/accounts";
import { repullRefreshTokens } from "@/lib/console/tokens-health";

/** Settings → Platform accounts: admins only. Secrets go in, never come back out. */

const PAGE = "/settings/accounts";
const admin = { role: "admin" } as const;

export const createAccountAction = defineAction({ ...admin, schema: createAccountSchema }, async (input, { user }) => {
  const created = await createAccount(input, user.id);
  revalidatePaths(PAGE);
  return { name: created.name, appId: created.appId };
});

export const updateAccountAction = defineAction({ ...admin, schema: updateAccountSchema }, async (input, { user }) => {
  const updated = await updateAccount(input, user.id);
  revalidatePaths(PAGE);
  return updated;
});

/**
 * WeChat: api_start_push_ticket, the platform pushes a fresh component_verify_ticket at once. Baidu has no such API:
 * an account on the emulator asks the emulator (as this admin); a real one waits for the 10-minute push.
 */
export const pushTicketAction = defineAction({ ...admin, schema: accountIdSchema }, async ({ id }, { user }) => {
  const account = await loadAccount(id);
  await refusalsAsErrors(() => requestTicketPush(account, { actorId: user.id }, sandboxBaiduTicketPush(user)));
  return { name: account.name };
});

/** Re-reads every authorizer's refresh token from api_get_authorizer_list; tenants needing re-authorization recover. */
export const repullRefreshTokensAction = defineAction({ ...admin, schema: accountIdSchema }, async ({ id }, { user }) => {
  const account = await loadAccount(id);
  // Baidu lists no grants: a lost one is recovered per smart program by its next token refresh.
  if (account.platform !== "wechat") throw new ExpectedError("accounts.repullWechatOnly");
  const result = await refusalsAsErrors(() => repullRefreshTokens(account, { actorId: user.id }));
  revalidatePaths("/tenants");
  return { name: account.name, ...result };
});
