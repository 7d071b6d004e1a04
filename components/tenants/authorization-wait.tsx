"use client";

import { useEffect, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { CheckCircle2, Info, Loader2 } from "lucide-react";
import { authorizationProgressAction } from "@/app/(console)/tenants/authorize/actions";
import type { AuthorizationProgress } from "@/lib/console/onboarding";
import { AgainButton, CallbackCard } from "./callback-card";
import { TenantSummary } from "./tenant-summary";

// The push is normally processed within a second or two; after this the recent tenants are offered instead.
const POLL_MS = 1000;
const WAIT_MS = 15_000;

/**
 * The platform's push spent the authorization code before this redirect could, and had not stored its tenant when
 * the page was rendered: ask the server every second whether the push with this code's hash is done (by the hash:
 * the page never echoes the code), show its tenant when it is, or the tenants just authorized once waiting ends.
 */
export function AuthorizationWait({ accountId, codeHash, errcode, meaning }: { accountId: string; codeHash: string; errcode: number | string; meaning: string }) {
  const t = useTranslations("tenants.callback");
  const [waited, setWaited] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setWaited(true), WAIT_MS);
    return () => clearTimeout(timer);
  }, []);
  const progress = useQuery({
    queryKey: ["authorization-progress", accountId, codeHash],
    queryFn: async (): Promise<AuthorizationProgress> => {
      const result = await authorizationProgressAction({ accountId, codeHash });
      if (!result.ok) throw new Error(result.error);
      return result.data;
    },
    refetchInterval: (query) => (query.state.data?.tenant || waited ? false : POLL_MS),
    retry: false,
    staleTime: 0,
    refetchOnWindowFocus: false,
  });

  const tenant = progress.data?.tenant ?? null;
  const recent = progress.data?.recent ?? [];
  const done = tenant !== null || (waited && recent.length > 0);
  const explained = t("alreadyDescription", { errcode, meaning });
  if (tenant) {
    return (
      <CallbackCard icon={<CheckCircle2 className="size-5 text-success" aria-hidden />} title={t("onboardedTitle")} description={explained}>
        <TenantSummary tenant={tenant} />
        <AgainButton done label={t("another")} />
      </CallbackCard>
    );
  }
  if (!waited) {
    return (
      <CallbackCard icon={<Loader2 className="size-5 animate-spin text-primary" aria-hidden />} title={t("waitingTitle")} description={t("waiting", { errcode, meaning })}>
        {progress.isError ? (
          <p role="alert" className="text-sm text-destructive">
            {t("pollFailed", { error: progress.error.message })}
          </p>
        ) : null}
        <AgainButton done={false} label={t("tryAgain")} />
      </CallbackCard>
    );
  }
  return (
    <CallbackCard
      icon={done ? <CheckCircle2 className="size-5 text-success" aria-hidden /> : <Info className="size-5 text-primary" aria-hidden />}
      title={done ? t("onboardedTitle") : t("alreadyTitle")}
      description={explained}
    >
      {done ? (
        <>
          <p className="text-sm">{t("recent")}</p>
          {recent.map((row) => (
            <TenantSummary key={row.id} tenant={row} />
          ))}
        </>
      ) : (
        <p className="text-sm text-muted-foreground">{t("noneRecent")}</p>
      )}
      <AgainButton done={false} label={t("tryAgain")} />
    </CallbackCard>
  );
}
