"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { confirmAuthorizationAction } from "@/app/sandbox/authorize/actions";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { useAction } from "@/lib/hooks/use-action";
import type { AuthorizerChoice } from "@/lib/sandbox/authorize";
import { cn } from "@/lib/utils/cn";
import { MiniProgramPicker } from "./mini-program-picker";
import { NewMiniProgramFields } from "./new-mini-program-fields";
import type { HiddenRequest } from "./types";

type Mode = "existing" | "new";

export function ConsentForm({
  request,
  initial,
  platformName,
  redirectHost,
}: {
  request: HiddenRequest;
  initial: AuthorizerChoice[];
  platformName: string;
  redirectHost: string;
}) {
  const t = useTranslations("sandboxAuthorize");
  const restricted = Boolean(request.biz_appid);
  // A platform with no mini-program yet: registering one is the only way forward.
  const none = initial.length === 0 && !restricted;
  const [mode, setMode] = useState<Mode>(none ? "new" : "existing");
  const [redirecting, setRedirecting] = useState(false);
  // The emulated WeChat page shows its errors in place, like the real one; a success leaves it.
  const { submit, pending, fieldErrors, formError } = useAction({ settle: false, toastErrors: false });
  // The platform's redirect_uri is another site: leave the app with a full navigation, as the real page does.
  const onSubmit = submit(confirmAuthorizationAction, {
    onSuccess: (data) => {
      if (!data) return;
      setRedirecting(true);
      window.location.assign(data.redirectUrl);
    },
  });
  const busy = pending || redirecting;

  return (
    <form onSubmit={onSubmit} noValidate className="mt-6 grid gap-5" aria-busy={busy}>
      {Object.entries(request).map(([name, value]) =>
        value === undefined ? null : <input key={name} type="hidden" name={name} value={value} />,
      )}
      {formError ? <FormAlert>{formError}</FormAlert> : null}
      {redirecting ? <FormAlert tone="success">{t("redirecting")}</FormAlert> : null}

      <section aria-labelledby="choose-title" className="grid gap-3">
        <h2 id="choose-title" className="text-sm font-semibold">
          {t("chooseTitle")}
        </h2>
        {restricted ? (
          <>
            <input type="hidden" name="mode" value="existing" />
            <p className="text-xs text-muted-foreground">{t("bizAppidNote")}</p>
          </>
        ) : (
          <fieldset className="grid min-w-0 grid-cols-2 gap-2">
            <legend className="sr-only">{t("modeLabel")}</legend>
            {(["existing", "new"] as const).map((value) => (
              <label
                key={value}
                className={cn(
                  "flex cursor-pointer items-center gap-2 rounded-md border px-3 py-2 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-ring",
                  mode === value ? "border-primary bg-accent font-medium" : "border-border bg-card hover:bg-muted",
                  none && value === "existing" && "cursor-not-allowed opacity-50 hover:bg-card",
                )}
              >
                <input
                  type="radio"
                  name="mode"
                  value={value}
                  checked={mode === value}
                  disabled={none && value === "existing"}
                  onChange={() => setMode(value)}
                  className="accent-[#07a153]"
                />
                {value === "existing" ? t("modeExisting") : t("modeNew")}
              </label>
            ))}
          </fieldset>
        )}
        {none ? <p className="text-xs text-muted-foreground">{t("noMiniPrograms")}</p> : null}
        {mode === "existing" ? (
          <MiniProgramPicker request={request} initial={initial} restricted={restricted} errors={fieldErrors?.appid} />
        ) : (
          <NewMiniProgramFields errors={fieldErrors} />
        )}
      </section>

      <div className="grid gap-3 border-t border-border pt-4">
        <p className="text-xs text-muted-foreground">{t("agreement", { platform: platformName })}</p>
        <p className="text-xs text-muted-foreground">{t("redirectNote", { host: redirectHost })}</p>
        <Button type="submit" size="lg" disabled={busy} aria-busy={busy} className="w-full bg-[#07c160] hover:bg-[#06ad56]">
          {redirecting ? t("redirecting") : pending ? t("submitting") : t("submit")}
        </Button>
      </div>
    </form>
  );
}
