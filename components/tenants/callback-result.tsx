import { getTranslations } from "next-intl/server";
import { CheckCircle2, XCircle } from "lucide-react";
import type { CallbackOutcome } from "@/lib/console/onboarding";
import { AuthorizationWait } from "./authorization-wait";
import { AgainButton, CallbackCard } from "./callback-card";
import { TenantSummary } from "./tenant-summary";

type Outcome = CallbackOutcome | { kind: "missingCode" };

/**
 * What became of the redirect, as it is when the page renders: the tenant, the platform's refusal (errcode +
 * meaning), or (the push spent the code first and is still storing the tenant) a part that waits in the browser.
 */
export async function CallbackResult({ outcome }: { outcome: Outcome }) {
  const t = await getTranslations("tenants.callback");
  const failed = <XCircle className="size-5 text-destructive" aria-hidden />;
  switch (outcome.kind) {
    case "onboarded":
      return (
        <CallbackCard icon={<CheckCircle2 className="size-5 text-success" aria-hidden />} title={t("onboardedTitle")} description={t("onboardedDescription")}>
          <TenantSummary tenant={outcome.tenant} />
          <AgainButton done label={t("another")} />
        </CallbackCard>
      );
    case "alreadyExchanged":
      return <AuthorizationWait accountId={outcome.accountId} codeHash={outcome.codeHash} errcode={outcome.errcode} meaning={outcome.meaning} />;
    case "refused":
      return (
        <CallbackCard
          icon={failed}
          title={t("refusedTitle")}
          alert
          description={outcome.errcode === null ? t("unreachable", { reason: outcome.meaning }) : t("refused", { errcode: outcome.errcode, meaning: outcome.meaning })}
        >
          <AgainButton done={false} label={t("tryAgain")} />
        </CallbackCard>
      );
    case "unknownAccount":
      return (
        <CallbackCard icon={failed} title={t("unknownAccountTitle")} alert description={t("unknownAccount")}>
          <AgainButton done={false} label={t("tryAgain")} />
        </CallbackCard>
      );
    case "missingCode":
      return (
        <CallbackCard icon={failed} title={t("missingCodeTitle")} alert description={t("missingCode")}>
          <AgainButton done={false} label={t("tryAgain")} />
        </CallbackCard>
      );
  }
}
