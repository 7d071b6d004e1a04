"use client";

import { useEffect, useRef, useState, useTransition, type FormEvent } from "react";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { ArrowLeft, Printer, QrCode } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import "./qr-wall.css";

export type WallTenant = { id: string; appid: string; nickname: string; trialVersion: string | null; known: boolean };

/** `pages/a/b?x=1` as the QR route's `page` and `query` parameters (lib/console/trial-qr.ts joins them again). */
export function qrAddress(tenantId: string, path: string): string {
  const at = path.indexOf("?");
  const page = (at < 0 ? path : path.slice(0, at)).trim();
  const query = at < 0 ? "" : path.slice(at + 1).trim();
  const search = new URLSearchParams();
  if (page) search.set("page", page);
  if (query) search.set("query", query);
  return `/tenants/${tenantId}/qr${search.size ? `?${search}` : ""}`;
}

/**
 * One tenant's trial QR code from the console's own cached route (the tenant page's), loaded lazily by the browser
 * (so a wall of 200 fetches what is on screen, a few at a time). A refusal (JSON, not an image) shows as a message.
 */
function QrTile({ tenant, path }: { tenant: WallTenant; path: string }) {
  const t = useTranslations("fleet.qrWall");
  const [failed, setFailed] = useState(false);
  const img = useRef<HTMLImageElement>(null);
  const name = tenant.nickname || tenant.appid;
  const noTrial = tenant.known && !tenant.trialVersion;
  // An image that failed before hydration fired its error event before React listened.
  useEffect(() => {
    if (img.current?.complete && img.current.naturalWidth === 0) setFailed(true);
  }, []);

  return (
    <li data-qr-tile className="grid justify-items-center gap-1 rounded-lg border border-border bg-card p-3 text-center">
      <div className="grid size-40 place-items-center">
        {noTrial ? (
          <p className="text-sm text-muted-foreground" data-testid="qr-no-trial">
            {t("noTrial")}
          </p>
        ) : failed ? (
          <p className="text-sm text-destructive" role="status">
            {t("failed")}
          </p>
        ) : (
          // eslint-disable-next-line @next/next/no-img-element -- the console's own authenticated route, not a static asset
          <img
            ref={img}
            src={qrAddress(tenant.id, path)}
            alt={t("alt", { name, page: path || t("homePage") })}
            loading="lazy"
            decoding="async"
            width={160}
            height={160}
            className="size-40 object-contain"
            onError={() => setFailed(true)}
          />
        )}
      </div>
      <p className="w-full truncate text-sm font-medium" title={name}>
        {name}
      </p>
      <p className="font-mono text-xs text-muted-foreground">
        {tenant.trialVersion ? t("trialVersion", { version: tenant.trialVersion }) : tenant.appid}
      </p>
    </li>
  );
}

/**
 * The QR wall: the trial QR codes of the chosen tenants on one screen, all opening one page path + query (an input,
 * kept in the address), with a Print button; on paper only the grid remains (qr-wall.css).
 */
export function QrWall({ tenants, path, ids, truncatedAt }: { tenants: WallTenant[]; path: string; ids: string; truncatedAt: number | null }) {
  const t = useTranslations("fleet.qrWall");
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get("path") ?? "").trim();
    const search = new URLSearchParams({ ids });
    if (value) search.set("path", value);
    startTransition(() => router.push(`${pathname}?${search}`));
  };

  return (
    <div data-qr-wall className="grid gap-4">
      <div data-print-hide className="flex flex-wrap items-end gap-3">
        <form onSubmit={onSubmit} className="flex min-w-72 flex-1 flex-wrap items-end gap-3" key={path}>
          <input type="hidden" name="ids" value={ids} />
          <div className="grid min-w-64 flex-1 gap-1.5">
            <Label htmlFor="qr-wall-path">{t("path")}</Label>
            <Input id="qr-wall-path" name="path" defaultValue={path} maxLength={1024} placeholder={t("pathPlaceholder")} aria-describedby="qr-wall-path-hint" autoComplete="off" />
            <p id="qr-wall-path-hint" className="text-xs text-muted-foreground">
              {t("pathHint")}
            </p>
          </div>
          <Button type="submit" disabled={pending} className="mb-5">
            <QrCode aria-hidden />
            {t("apply")}
          </Button>
        </form>
        <div className="mb-5 flex gap-2">
          <Button type="button" variant="outline" onClick={() => window.print()}>
            <Printer aria-hidden />
            {t("print")}
          </Button>
          <Button asChild variant="ghost">
            <Link href="/fleet">
              <ArrowLeft aria-hidden />
              {t("back")}
            </Link>
          </Button>
        </div>
      </div>
      {truncatedAt ? (
        <p data-print-hide role="status" className="text-sm text-warning">
          {t("truncated", { max: truncatedAt })}
        </p>
      ) : null}
      <ul data-qr-grid aria-label={t("gridLabel")} aria-busy={pending} className="grid grid-cols-[repeat(auto-fill,minmax(11rem,1fr))] gap-4">
        {tenants.map((tenant) => (
          <QrTile key={`${tenant.id}:${path}`} tenant={tenant} path={path} />
        ))}
      </ul>
    </div>
  );
}
