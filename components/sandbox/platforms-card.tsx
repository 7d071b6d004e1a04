"use client";

import { useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { Eye, EyeOff } from "lucide-react";
import { addPlatformAction, pushTicketAction } from "@/app/(console)/sandbox/actions";
import type { SnapshotPlatform } from "@/lib/sandbox/control-state";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { useSandboxAction } from "@/lib/hooks/use-sandbox";

export function PlatformsCard({ platforms, now }: { platforms: SnapshotPlatform[]; now: Date }) {
  const t = useTranslations("sandbox.platforms");
  const add = useSandboxAction();
  const push = useSandboxAction();
  return (
    <Card>
      <CardHeader className="flex-row flex-wrap items-start justify-between gap-3">
        <div className="grid gap-1">
          <CardTitle>{t("title")}</CardTitle>
          <CardDescription>{t("description")}</CardDescription>
        </div>
        <div className="flex gap-2">
          {platforms.length ? (
            <Button
              variant="outline"
              size="sm"
              disabled={push.pending}
              onClick={() => push.run(() => pushTicketAction({}), { success: (d) => t("pushed", { count: d.pushed.length }) })}
            >
              {t("pushAll")}
            </Button>
          ) : null}
          <Button size="sm" disabled={add.pending} onClick={() => add.run(() => addPlatformAction({}), { success: (appid) => t("added", { appid }) })}>
            {add.pending ? t("adding") : t("add")}
          </Button>
        </div>
      </CardHeader>
      <CardContent>
        {platforms.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("empty")}</p>
        ) : (
          <ul className="grid gap-3">
            {platforms.map((p) => (
              <PlatformItem key={p.component_appid} platform={p} now={now} onPush={() => push.run(() => pushTicketAction({ component_appid: p.component_appid }), { success: (d) => t("pushed", { count: d.pushed.length }) })} pushing={push.pending} />
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}

function PlatformItem({ platform: p, now, onPush, pushing }: { platform: SnapshotPlatform; now: Date; onPush: () => void; pushing: boolean }) {
  const t = useTranslations("sandbox.platforms");
  const format = useFormatter();
  const [revealed, setRevealed] = useState(false);
  return (
    <li className="rounded-md border border-border p-3" data-testid={`platform-${p.component_appid}`}>
      <div className="mb-2 flex items-center justify-between gap-2">
        <span className="font-medium">{p.name}</span>
        <Button variant="ghost" size="sm" disabled={pushing} aria-label={t("pushTicketOf", { appid: p.component_appid })} onClick={onPush}>
          {t("pushTicket")}
        </Button>
      </div>
      <dl className="grid grid-cols-[max-content_1fr] items-center gap-x-3 gap-y-1.5 text-sm">
        <dt className="text-muted-foreground">{t("appid")}</dt>
        <dd className="font-mono">{p.component_appid}</dd>
        <dt className="text-muted-foreground">{t("secret")}</dt>
        <dd className="flex min-w-0 items-center gap-1">
          <span className="break-all font-mono" data-testid="platform-secret">
            {revealed ? p.component_appsecret : "•".repeat(16)}
          </span>
          <Button
            variant="ghost"
            size="icon"
            className="size-7"
            aria-pressed={revealed}
            aria-label={revealed ? t("hide", { appid: p.component_appid }) : t("show", { appid: p.component_appid })}
            onClick={() => setRevealed((v) => !v)}
          >
            {revealed ? <EyeOff aria-hidden /> : <Eye aria-hidden />}
          </Button>
        </dd>
        <dt className="text-muted-foreground">{t("token")}</dt>
        <dd className="break-all font-mono">{p.token}</dd>
        <dt className="text-muted-foreground">{t("aesKey")}</dt>
        <dd className="break-all font-mono">{p.encoding_aes_key}</dd>
        <dt className="text-muted-foreground">{t("ticket")}</dt>
        <dd>{p.verify_ticket_at ? t("ticketAge", { when: format.relativeTime(new Date(p.verify_ticket_at), now) }) : t("ticketNever")}</dd>
        <dt className="text-muted-foreground">{t("callback")}</dt>
        <dd className="break-all">{p.callback_base ?? t("callbackDefault")}</dd>
      </dl>
    </li>
  );
}
