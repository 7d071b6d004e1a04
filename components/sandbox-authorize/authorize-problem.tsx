import { getTranslations } from "next-intl/server";
import { CircleAlert } from "lucide-react";
import type { AuthorizeProblem } from "@/lib/sandbox/authorize";

/** A link the real page would refuse: say why, change nothing. */
export async function AuthorizeProblemCard({ problem }: { problem: AuthorizeProblem }) {
  const t = await getTranslations("sandboxAuthorize");
  return (
    <section className="rounded-lg border border-border bg-card p-8 text-center shadow-sm" aria-labelledby="authorize-problem-title">
      <CircleAlert className="mx-auto mb-4 size-12 text-destructive" aria-hidden />
      <h1 id="authorize-problem-title" className="text-lg font-semibold">
        {t("errorTitle")}
      </h1>
      <p className="mt-3 text-sm" data-problem={problem}>
        {t(`problem.${problem}`)}
      </p>
      <p className="mt-2 text-sm text-muted-foreground">{t("errorHint")}</p>
    </section>
  );
}
