"use client";

import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import { Download } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormAlert } from "@/components/ui/form-alert";
import { Input, Select } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";

type Shown = { state: "idle" } | { state: "loading" } | { state: "image"; url: string; page: string } | { state: "error"; error: string };

/**
 * The trial QR code, fetched from the console's own authenticated route (lib/console/trial-qr.ts caches it until
 * the next commit): the platform's token never reaches the browser. A refusal is shown as code + meaning.
 */
export function TrialQrSection({ tenantId, appid, pages, pagesError }: { tenantId: string; appid: string; pages: string[]; pagesError: string | null }) {
  const t = useTranslations("tenant.qr");
  const [page, setPage] = useState("");
  const [query, setQuery] = useState("");
  const [shown, setShown] = useState<Shown>({ state: "idle" });
  const address = (download: boolean) => {
    const search = new URLSearchParams();
    if (page) search.set("page", page);
    if (query.trim()) search.set("query", query.trim());
    if (download) search.set("download", "1");
    return `/tenants/${tenantId}/qr${search.size ? `?${search}` : ""}`;
  };
  // Object URLs hold the image in memory until revoked.
  useEffect(() => () => void (shown.state === "image" && URL.revokeObjectURL(shown.url)), [shown]);

  async function show() {
    setShown({ state: "loading" });
    try {
      const res = await fetch(address(false), { cache: "no-store" });
      if (!res.ok || !res.headers.get("content-type")?.startsWith("image/")) {
        const body = (await res.json().catch(() => null)) as { error?: string } | null;
        setShown({ state: "error", error: body?.error ?? String(res.status) });
        return;
      }
      setShown({ state: "image", url: URL.createObjectURL(await res.blob()), page: page || t("homePage") });
    } catch (error) {
      setShown({ state: "error", error: error instanceof Error ? error.message : String(error) });
    }
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3 sm:grid-cols-[1fr_auto]">
        <form
          className="grid content-start gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            void show();
          }}
        >
          {pagesError ? <p className="text-xs text-muted-foreground">{t("pagesError", { error: pagesError })}</p> : null}
          <div className="grid gap-1.5">
            <Label htmlFor="qr-page">{t("page")}</Label>
            <Select id="qr-page" value={page} onChange={(e) => setPage(e.target.value)}>
              <option value="">{t("homePage")}</option>
              {pages.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </Select>
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="qr-query">{t("query")}</Label>
            <Input id="qr-query" value={query} maxLength={512} placeholder={t("queryHint")} onChange={(e) => setQuery(e.target.value)} aria-describedby="qr-query-hint" />
            <p id="qr-query-hint" className="text-xs text-muted-foreground">
              {t("queryHint")}
            </p>
          </div>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" disabled={shown.state === "loading"}>
              {t("show")}
            </Button>
            {shown.state === "image" ? (
              <Button asChild variant="outline">
                <a href={address(true)} download="trial-qr.jpg">
                  <Download aria-hidden />
                  {t("download")}
                </a>
              </Button>
            ) : null}
          </div>
          {shown.state === "error" ? <FormAlert>{t("error", { error: shown.error })}</FormAlert> : null}
        </form>
        <div className="grid size-48 place-items-center rounded-md border border-dashed border-border" aria-live="polite" aria-busy={shown.state === "loading"}>
          {shown.state === "loading" ? <Skeleton className="size-44" aria-label={t("loading")} /> : null}
          {shown.state === "image" ? (
            // eslint-disable-next-line @next/next/no-img-element -- a blob URL of the console's own route
            <img src={shown.url} alt={t("alt", { appid, page: shown.page })} className="size-44 object-contain" data-testid="trial-qr" />
          ) : null}
        </div>
      </CardContent>
    </Card>
  );
}
