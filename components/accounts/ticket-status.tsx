"use client";

import { useFormatter, useTranslations } from "next-intl";
import { AlertTriangle } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { useNow } from "@/lib/hooks/use-now";
import { ticketState } from "@/lib/console/verify-ticket";

/** How old the latest component_verify_ticket is, with a warning when it is stale or has never come. */
export function TicketStatus({ at }: { at: string | null }) {
  const t = useTranslations("accounts.ticket");
  const format = useFormatter();
  const now = useNow(15_000);
  if (!at) {
    return (
      <span className="flex flex-wrap items-center gap-2" data-testid="ticket-status">
        <Badge variant="warning">{t("none")}</Badge>
        <span className="text-xs text-muted-foreground">{t("noneHint")}</span>
      </span>
    );
  }
  const when = new Date(at);
  const stale = now !== null && ticketState(when, now) === "stale";
  const exact = format.dateTime(when, { dateStyle: "medium", timeStyle: "medium" });
  return (
    <span className="flex flex-wrap items-center gap-2" data-testid="ticket-status">
      <span title={exact}>{now ? t("age", { when: format.relativeTime(when, now > when ? now : when) }) : exact}</span>
      {stale ? (
        <Badge variant="warning" className="gap-1">
          <AlertTriangle className="size-3" aria-hidden />
          {t("stale")}
        </Badge>
      ) : null}
    </span>
  );
}
