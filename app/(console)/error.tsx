"use client";

import { useTranslations } from "next-intl";
import { AlertTriangle } from "lucide-react";
import { EmptyState } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";

export default function ConsoleError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errors");
  return (
    <EmptyState
      icon={<AlertTriangle />}
      title={t("unexpectedTitle")}
      description={
        <>
          {t("unexpected")}
          {error.digest ? <span className="mt-1 block font-mono text-xs">{t("reference", { digest: error.digest })}</span> : null}
        </>
      }
      action={<Button onClick={reset}>{t("retry")}</Button>}
    />
  );
}
