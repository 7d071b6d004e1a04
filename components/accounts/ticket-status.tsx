"use client";

import { useEffect, useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { AlertTriangle } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { ticketState } from "@/lib/verify-ticket";

function useNow(everyMs: number) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

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
  const stale = ticketState(when, now) === "stale";
  return (
    <span className="flex flex-wrap items-center gap-2" data-testid="ticket-status">
      <span title={format.dateTime(when, { dateStyle: "medium", timeStyle: "medium" })}>
        {t("age", { when: format.relativeTime(when, now > when ? now : when) })}
      </span>
      {stale ? (
        <Badge variant="warning" className="gap-1">
          <AlertTriangle className="size-3" aria-hidden />
          {t("stale")}
        </Badge>
      ) : null}
    </span>
  );
}
