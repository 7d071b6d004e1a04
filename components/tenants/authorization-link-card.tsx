"use client";

import { useFormatter, useTranslations } from "next-intl";
import { ExternalLink } from "lucide-react";
import { CopyField } from "@/components/accounts/copy-field";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { AuthorizationLink } from "@/lib/console/onboarding";

/** The two ways in: the PC page (opened here or sent to the merchant) and the H5 page as a QR code for WeChat. */
export function AuthorizationLinkCard({ link }: { link: AuthorizationLink }) {
  const t = useTranslations("tenants.authorize");
  const tb = useTranslations("baidu.authorize");
  const baidu = link.platform === "baidu";
  const format = useFormatter();
  const expires = format.dateTime(new Date(link.expiresAt), { timeStyle: "short" });
  return (
    <Card aria-labelledby="authorization-link-title" data-testid="authorization-link">
      <CardHeader>
        <CardTitle id="authorization-link-title" className="flex items-center gap-2">
          {t("linkTitle", { account: link.accountName })}
          {link.sandbox ? <Badge variant="secondary">{t("sandbox")}</Badge> : null}
        </CardTitle>
        <CardDescription>{t("expires", { time: expires })}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6 md:grid-cols-[1fr_auto]">
        <div className="grid content-start gap-3">
          <h3 className="text-sm font-semibold">{t("pcTitle")}</h3>
          <p className="text-sm text-muted-foreground">{baidu ? tb("pcHint") : t("pcHint")}</p>
          <Button asChild className="justify-self-start">
            <a href={link.pcUrl}>
              <ExternalLink aria-hidden />
              {t("openPc")}
            </a>
          </Button>
          <CopyField id="authorization-pc-url" label={t("pcUrl")} value={link.pcUrl} />
          {link.sandbox ? <p className="text-xs text-muted-foreground">{baidu ? tb("sandboxNote") : t("sandboxNote")}</p> : null}
        </div>
        <figure className="grid justify-items-center gap-2">
          <h3 className="text-sm font-semibold">{t("h5Title")}</h3>
          {/* eslint-disable-next-line @next/next/no-img-element -- an inline SVG data URL made on the server. */}
          <img src={link.qrDataUrl} alt={t("qrAlt")} width={192} height={192} className="rounded-md border border-border bg-white p-2" />
          <figcaption className="max-w-48 text-center text-xs text-muted-foreground">{baidu ? tb("h5Hint") : t("h5Hint")}</figcaption>
        </figure>
      </CardContent>
    </Card>
  );
}
