import "server-only";
import { env } from "@/lib/env";
import { ExpectedError } from "@/lib/errors";
import { handleSandboxControl } from "@/lib/sandbox/control";
import type { Role } from "@/lib/vocab";

/**
 * "Push ticket now" for an account on the Baidu emulator: the emulator's control surface
 * (/sandbox/control/baidu/push-ticket) pushes a ticket to the account's auth URL and delivers it, run in this
 * process with the admin who asked (the control surface checks the role again). Only the emulator of this
 * deployment can be asked: one elsewhere answers `platform_not_found`, shown as a refusal.
 */
export function sandboxBaiduTicketPush(user: { role: Role }) {
  return async (clientId: string): Promise<void> => {
    const req = new Request(`${env.APP_URL.replace(/\/$/, "")}/sandbox/control/baidu/push-ticket`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ client_id: clientId }),
    });
    const res = await handleSandboxControl(req, ["baidu", "push-ticket"], { currentUser: async () => user });
    if (!res.ok) throw new ExpectedError("accounts.sandboxTicketRefused", undefined, { status: res.status });
  };
}
