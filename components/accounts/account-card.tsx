"use client";

import { useCallback, useState } from "react";
import { useTranslations } from "next-intl";
import { RefreshCw, Send } from "lucide-react";
import { pushTicketAction, repullRefreshTokensAction } from "@/app/(console)/settings/accounts/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { useAction } from "@/lib/hooks/use-action";
import { useRefreshBurst } from "@/lib/hooks/use-refresh-burst";
import { CopyField } from "./copy-field";
import { EditAccountForm } from "./edit-account-form";
import { PushFailures } from "./push-failures";
import { TicketStatus } from "./ticket-status";
import type { AccountCardData } from "./types";

// The ticket arrives by push a moment after api_start_push_ticket: re-read the page a few times meanwhile.
const REFRESH_AFTER_PUSH_MS = [1000, 2500, 5000, 10_000];

export function AccountCard({ account }: { account: AccountCardData }) {
  const t = useTranslations("accounts");
  const tb = useTranslations("baidu.accounts");
  const baidu = account.platform === "baidu";
  const [editing, setEditing] = useState(false);
  const refreshBurst = useRefreshBurst(REFRESH_AFTER_PUSH_MS);
  const push = useAction();
  const repull = useAction();
  const secret = (set: boolean) => (set ? <Badge>{t("set")}</Badge> : <Badge variant="warning">{t("notSet")}</Badge>);
  const stopEditing = useCallback(() => setEditing(false), []);

  return (
    <Card data-testid={`account-${account.appId}`}>
      <CardHeader className="flex-row flex-wrap items-start justify-between gap-3">
        <div className="grid gap-1">
          <CardTitle className="flex items-center gap-2">
            {account.name}
            {account.sandbox ? (
              <Badge variant="secondary" title={baidu ? tb("sandboxHint") : t("sandboxHint")}>
                {t("sandbox")}
              </Badge>
            ) : null}
          </CardTitle>
          <CardDescription className="font-mono">{account.appId}</CardDescription>
        </div>
        <div className="flex flex-wrap gap-2">
          {account.canPushTicket ? (
            <Button
              variant="outline"
              size="sm"
              disabled={push.pending}
              onClick={() => push.run(() => pushTicketAction({ id: account.id }), { success: () => t("pushRequested"), onSuccess: refreshBurst })}
            >
              <Send aria-hidden />
              {push.pending ? t("pushing") : t("pushTicket")}
            </Button>
          ) : null}
          {account.canRepull ? (
            <Button
              variant="outline"
              size="sm"
              disabled={repull.pending}
              onClick={() => repull.run(() => repullRefreshTokensAction({ id: account.id }), { success: (d) => t("repulled", d) })}
            >
              <RefreshCw aria-hidden />
              {repull.pending ? t("repulling") : t("repull")}
            </Button>
          ) : null}
          {editing ? null : (
            <Button variant="outline" size="sm" onClick={() => setEditing(true)} aria-label={t("editTitle", { name: account.name })}>
              {t("edit")}
            </Button>
          )}
        </div>
      </CardHeader>
      <CardContent className="grid gap-4">
        {account.failedPushes ? <PushFailures failures={account.failedPushes} /> : null}
        <dl className="grid grid-cols-[max-content_1fr] items-center gap-x-4 gap-y-2 text-sm">
          <dt className="text-muted-foreground">{t("fields.platform")}</dt>
          <dd>{baidu ? tb("platformOption") : t("platforms.wechat")}</dd>
          <dt className="text-muted-foreground">{baidu ? tb("ticketLabel") : t("ticket.label")}</dt>
          <dd className="grid gap-1">
            <TicketStatus at={account.verifyTicketAt} />
            {account.canPushTicket ? null : <span className="text-xs text-muted-foreground">{tb("noTicketPush")}</span>}
          </dd>
          {baidu ? null : (
            <>
              <dt className="text-muted-foreground">{t("fields.secret")}</dt>
              <dd>{secret(account.secretSet)}</dd>
            </>
          )}
          <dt className="text-muted-foreground">{baidu ? tb("token") : t("fields.token")}</dt>
          <dd>{secret(account.tokenSet)}</dd>
          <dt className="text-muted-foreground">{t("fields.aesKey")}</dt>
          <dd className="flex flex-wrap items-center gap-2">
            {secret(account.aesKeySet)}
            {account.previousAesKeySet ? <span className="text-xs text-muted-foreground">{t("previousKept")}</span> : null}
          </dd>
          <dt className="text-muted-foreground">{t("apiBaseLabel")}</dt>
          <dd className="break-all font-mono text-xs">{account.apiBase ?? t("apiBaseDefault", { base: account.defaultApiBase })}</dd>
        </dl>
        <section aria-label={t("callbacks")} className="grid gap-3">
          <h3 className="text-sm font-semibold">{t("callbacks")}</h3>
          <CopyField
            id={`auth-events-${account.id}`}
            label={baidu ? tb("authUrl") : t("authEventsUrl")}
            value={account.callbacks.authEvents}
            hint={baidu ? tb("authUrlHint") : t("authEventsHint")}
          />
          <CopyField
            id={`messages-${account.id}`}
            label={baidu ? tb("messageUrl") : t("messagesUrl")}
            value={account.callbacks.messages}
            hint={baidu ? tb("messageUrlHint") : t("messagesHint")}
          />
        </section>
        {editing ? <EditAccountForm account={account} onDone={stopEditing} /> : null}
      </CardContent>
    </Card>
  );
}
