import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ShieldAlert } from "lucide-react";
import { EmptyState } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { requireUser } from "@/lib/auth/session";

export default async function ForbiddenPage() {
  await requireUser("viewer");
  const t = await getTranslations("errors");
  return (
    <EmptyState
      icon={<ShieldAlert />}
      title={t("forbiddenTitle")}
      description={t("forbidden")}
      action={
        <Button asChild variant="outline">
          <Link href="/">{t("backHome")}</Link>
        </Button>
      }
    />
  );
}
