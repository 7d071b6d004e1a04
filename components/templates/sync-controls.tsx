"use client";

import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { RefreshCw } from "lucide-react";
import { refreshTemplatesAction, syncStaleTemplatesAction } from "@/app/(console)/templates/actions";
import { Button } from "@/components/ui/button";
import { useAction } from "@/lib/hooks/use-action";

/**
 * The library's freshness: the page renders what the table holds at once; when that is older than a few minutes
 * it asks for a background sync here and re-renders if the list was re-read. Operators may also refresh now.
 */
export function SyncControls({ accountId, stale, canAct, syncedLabel }: { accountId: string; stale: boolean; canAct: boolean; syncedLabel: string }) {
  const t = useTranslations("templates");
  const router = useRouter();
  const refresh = useAction();
  const [background, setBackground] = useState<"idle" | "running" | { error: string }>("idle");
  const asked = useRef<string | null>(null);

  useEffect(() => {
    // Once per account shown: a re-render after the sync must not start another one.
    if (!stale || asked.current === accountId) return;
    asked.current = accountId;
    setBackground("running");
    void syncStaleTemplatesAction({ accountId }).then((result) => {
      setBackground(result.ok ? "idle" : { error: result.error });
      if (result.ok && result.data.synced) router.refresh();
    });
  }, [accountId, stale, router]);

  return (
    <div className="flex flex-wrap items-center gap-3 text-sm text-muted-foreground">
      <span aria-live="polite">{background === "running" ? t("syncing") : syncedLabel}</span>
      {typeof background === "object" ? (
        <span role="alert" className="text-destructive">
          {t("syncFailed", { error: background.error })}
        </span>
      ) : null}
      <Button
        variant="outline"
        size="sm"
        disabled={!canAct || refresh.pending}
        title={canAct ? undefined : t("viewerReason")}
        onClick={() => refresh.run(() => refreshTemplatesAction({ accountId }), { success: (d) => t("refreshed", d) })}
      >
        <RefreshCw aria-hidden className={refresh.pending ? "animate-spin" : undefined} />
        {refresh.pending ? t("refreshing") : t("refresh")}
      </Button>
    </div>
  );
}
