"use client";

import { useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { RefreshCw } from "lucide-react";
import { Button } from "@/components/ui/button";

/** The page reads the platform on render: refreshing re-renders it. */
export function RefreshButton() {
  const t = useTranslations("quota");
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <Button variant="outline" disabled={pending} onClick={() => start(() => router.refresh())}>
      <RefreshCw aria-hidden className={pending ? "animate-spin" : undefined} />
      {t("refresh")}
    </Button>
  );
}
