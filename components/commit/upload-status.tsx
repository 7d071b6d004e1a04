"use client";

import { useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { LoaderCircle } from "lucide-react";
import { uploadStatusAction } from "@/app/(console)/tenants/[tenantId]/code/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

/** While the platform takes an upload in (Baidu: about 3 s), ask every 1.5 s; then stop. */
export const UPLOAD_POLL_MS = 1_500;
export const uploadKey = (tenantId: string) => ["upload", tenantId] as const;

/** The upload's status, polled (react-query) until it is ready or failed; the commit panel invalidates it after a commit. */
export function useUploadStatus(tenantId: string) {
  return useQuery({
    queryKey: uploadKey(tenantId),
    queryFn: async () => {
      const answer = await uploadStatusAction({ tenantId });
      if (!answer.ok) throw new Error(answer.error);
      return answer.data;
    },
    staleTime: 0,
    refetchOnMount: "always",
    refetchInterval: (query) => (query.state.data?.ok && query.state.data.value.state === "processing" ? UPLOAD_POLL_MS : false),
  });
}

/** Where the last upload stands, live, for platforms whose uploads land after the answer (Baidu). */
export function UploadStatusCard({ tenantId }: { tenantId: string }) {
  const t = useTranslations("baiduPages.upload");
  const locale = useLocale();
  const status = useUploadStatus(tenantId);
  const part = status.data;
  let body;
  if (status.isPending) body = <p className="text-muted-foreground">{t("checking")}</p>;
  else if (status.isError) body = <p className="text-destructive">{t("refused", { error: status.error.message })}</p>;
  else if (part && !part.ok) {
    const meaning = part.refusal.meaning[locale === "en" ? "en" : "zh-CN"];
    body = <p className="text-destructive">{t("refused", { error: part.refusal.code === null ? meaning : `${part.refusal.code} — ${meaning}` })}</p>;
  } else if (part?.ok) {
    const s = part.value;
    body = (
      <p className="flex flex-wrap items-center gap-2" data-testid="upload-status" data-state={s.state}>
        {s.state === "processing" ? <LoaderCircle aria-hidden className="size-4 animate-spin text-muted-foreground" /> : null}
        <Badge variant={s.state === "failed" ? "destructive" : s.state === "processing" ? "warning" : "secondary"}>{t(`state.${s.state}`)}</Badge>
        <span>{s.state === "none" ? t("none") : s.state === "failed" ? t("failed", { version: s.userVersion, reason: s.reason ?? "—" }) : t(s.state, { version: s.userVersion })}</span>
      </p>
    );
  }
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3 text-sm" aria-live="polite">
        {body}
        <div>
          <Button type="button" variant="outline" size="sm" onClick={() => void status.refetch()} disabled={status.isFetching}>
            {t("check")}
          </Button>
        </div>
      </CardContent>
    </Card>
  );
}
