import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { FlaskConical, MessageCircle } from "lucide-react";
import { LocaleSwitch } from "@/components/shell/locale-switch";
import { Badge } from "@/components/ui/badge";

/** The frame of the simulated platform page: looks like WeChat's own, says plainly that it is the sandbox. */
export async function AuthorizeShell({ children }: { children: ReactNode }) {
  const t = await getTranslations("sandboxAuthorize");
  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b border-border bg-card">
        <div className="mx-auto flex min-h-14 max-w-3xl flex-wrap items-center justify-between gap-x-3 gap-y-1 px-4 py-2">
          <div className="flex items-center gap-2 whitespace-nowrap font-semibold">
            <span className="grid size-8 place-items-center rounded-full bg-[#07c160] text-white" aria-hidden>
              <MessageCircle className="size-4.5" />
            </span>
            {t("brand")}
            <Badge variant="warning" className="gap-1">
              <FlaskConical className="size-3" aria-hidden />
              {t("sandboxBadge")}
            </Badge>
          </div>
          <LocaleSwitch />
        </div>
      </header>
      <main className="mx-auto w-full max-w-xl flex-1 px-4 py-8">{children}</main>
      <footer className="px-4 pb-6 text-center text-xs text-muted-foreground">{t("sandboxNote")}</footer>
    </div>
  );
}
