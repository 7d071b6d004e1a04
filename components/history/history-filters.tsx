import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Download } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { historySearch, type HistoryFilter } from "@/lib/history/filter";

const local = (d: Date | undefined) => (d ? d.toISOString().slice(0, 16) : undefined);

/**
 * The history's filters as a plain GET form: the URL is the state, so a filtered view can be shared, reloaded and
 * exported as it is. `tenant`: the tenant's name when the view is narrowed to one (fixed on its tab).
 */
export async function HistoryFilters({ base, filter, operators, tenant, tenantFixed }: { base: string; filter: HistoryFilter; operators: { id: string; email: string }[]; tenant?: string; tenantFixed: boolean }) {
  const t = await getTranslations("historyView");
  const code = typeof filter.result === "number" ? String(filter.result) : undefined;
  const result = typeof filter.result === "string" ? filter.result : "";
  const exportHref = `/history/export${historySearch(filter)}`;
  return (
    <Card className="p-4">
      <form method="get" action={base} aria-label={t("filters")} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {tenant && !tenantFixed ? (
          <div className="grid gap-1 sm:col-span-2 lg:col-span-4">
            <input type="hidden" name="tenant" value={filter.tenantId} />
            <p className="text-sm">
              {t("tenantFiltered", { name: tenant })}{" "}
              <Link className="underline" href={`${base}${historySearch({ ...filter, tenantId: undefined })}`}>
                {t("clearTenant")}
              </Link>
            </p>
          </div>
        ) : null}
        <div className="grid gap-1">
          <Label htmlFor="history-actor">{t("operator")}</Label>
          <Select id="history-actor" name="actor" defaultValue={filter.actorId ?? ""}>
            <option value="">{t("anyOperator")}</option>
            {operators.map((o) => (
              <option key={o.id} value={o.id}>
                {o.email}
              </option>
            ))}
          </Select>
        </div>
        <div className="grid gap-1">
          <Label htmlFor="history-action">{t("action")}</Label>
          <Input id="history-action" name="action" defaultValue={filter.action} placeholder={t("actionPlaceholder")} maxLength={100} />
        </div>
        <div className="grid gap-1">
          <Label htmlFor="history-result">{t("result")}</Label>
          <Select id="history-result" name="result" defaultValue={result}>
            <option value="">{t("anyResult")}</option>
            <option value="ok">{t("resultOk")}</option>
            <option value="failed">{t("resultFailed")}</option>
          </Select>
        </div>
        <div className="grid gap-1">
          <Label htmlFor="history-code">{t("code")}</Label>
          <Input id="history-code" name="code" inputMode="numeric" pattern="-?[0-9]{1,9}" defaultValue={code} placeholder={t("codePlaceholder")} />
        </div>
        <div className="grid gap-1">
          <Label htmlFor="history-from">{t("from")}</Label>
          <Input id="history-from" name="from" type="datetime-local" defaultValue={local(filter.from)} />
        </div>
        <div className="grid gap-1">
          <Label htmlFor="history-to">{t("to")}</Label>
          <Input id="history-to" name="to" type="datetime-local" defaultValue={local(filter.to)} />
        </div>
        <div className="flex items-end gap-2 sm:col-span-2">
          <Button type="submit" size="sm">
            {t("apply")}
          </Button>
          <Button asChild variant="outline" size="sm">
            <Link href={tenantFixed ? base : "/history"}>{t("reset")}</Link>
          </Button>
          <Button asChild variant="outline" size="sm" title={t("exportHint")}>
            <a href={exportHref} download>
              <Download aria-hidden /> {t("exportCsv")}
            </a>
          </Button>
        </div>
      </form>
    </Card>
  );
}
