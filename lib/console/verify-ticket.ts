/**
 * How fresh a platform account's component_verify_ticket is. Pure: the accounts page shows it live in the browser.
 * The platform pushes a ticket every 10 minutes; two missed pushes mean the callback URL is not reaching the console.
 */
export const TICKET_STALE_MS = 20 * 60_000;

export type TicketState = "none" | "fresh" | "stale";

export function ticketState(verifyTicketAt: Date | null, now = new Date()): TicketState {
  if (!verifyTicketAt) return "none";
  return now.getTime() - verifyTicketAt.getTime() > TICKET_STALE_MS ? "stale" : "fresh";
}
