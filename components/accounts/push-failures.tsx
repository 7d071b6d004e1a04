"use client";

import { useFormatter, useTranslations } from "next-intl";
import { AlertTriangle } from "lucide-react";
import { useNow } from "@/lib/hooks/use-now";
import type { AccountCardData } from "./types";

/**
 * Pushes the console accepted but could not process (lib/console/events-retry.ts retries them): how many, the
 * newest error, and when the next retry runs, or that retries have run out.
 */
export function PushFailures({ failures }: { failures: NonNullable<AccountCardData["failedPushes"]> }) {
  const t = useTranslations("accounts.failedPushes");
  const format = useFormatter();
  const now = useNow(15_000);
  const next = failures.nextAttemptAt ? new Date(failures.nextAttemptAt) : null;
  const retry = next
    ? now
      ? t("nextRetry", { when: format.relativeTime(next, now < next ? now : next) })
      : t("nextRetryAt", { time: format.dateTime(next, { timeStyle: "short" }) })
    : t("gaveUp", { attempts: failures.maxAttempts });
  return (
    <div role="status" data-testid="failed-pushes" className="flex items-start gap-2 rounded-md border border-warning/30 bg-warning/5 px-3 py-2 text-sm text-warning">
      <AlertTriangle className="mt-0.5 size-4 shrink-0" aria-hidden />
      <p className="min-w-0 break-words">
        {[t("count", { count: failures.count }), failures.lastError ? t("lastError", { error: failures.lastError }) : null, retry]
          .filter(Boolean)
          .join(" · ")}
      </p>
    </div>
  );
}
