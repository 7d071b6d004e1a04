import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { enqueueBaiduTicket } from "./push";

/**
 * The Baidu platform's clock, run by lib/sandbox/background.ts: a new ticket every `ticketSeconds` (Baidu: every 10
 * minutes, the same SANDBOX_TICKET_SECONDS as WeChat's). Platforms are claimed in one UPDATE (ticket_at moved to
 * now), so with several processes each ticket is pushed once. Pushes go out with the shared outbox's delivery tick.
 */
export async function pushDueBaiduTickets(ticketSeconds: number): Promise<string[]> {
  const claimed = (await db.execute(sql`
    update sandbox_baidu_platforms set ticket_at = now()
    where ticket_at is null or ticket_at <= now() - make_interval(secs => ${ticketSeconds})
    returning client_id`)) as unknown as { client_id: string }[];
  for (const { client_id } of claimed) await enqueueBaiduTicket(client_id);
  return claimed.map((row) => row.client_id);
}
