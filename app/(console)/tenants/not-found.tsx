import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SearchX } from "lucide-react";
import { EmptyState } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";

/** A tenant page whose mini-program is not (or no longer) in the console. */
export default async function TenantNotFound() {
  const t = await getTranslations("tenant");
  return (
    <EmptyState
      icon={<SearchX />}
      title={t("notFoundTitle")}
      description={t("notFoundDescription")}
      action={
        <Button asChild variant="outline">
          <Link href="/tenants">{t("backToList")}</Link>
        </Button>
      }
    />
  );
}
