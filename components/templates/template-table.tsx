import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { TemplateRow } from "@/lib/console/templates";
import { DeleteTemplateButton } from "./delete-template-button";

/** The library as the console stored it at the last sync, newest first. */
export async function TemplateTable({ accountId, rows, disabledReason }: { accountId: string; rows: TemplateRow[]; disabledReason?: string }) {
  const [t, format] = await Promise.all([getTranslations("templates.list"), getFormatter()]);
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>{t("id")}</TableHead>
          <TableHead>{t("version")}</TableHead>
          <TableHead>{t("desc")}</TableHead>
          <TableHead>{t("source")}</TableHead>
          <TableHead>{t("developer")}</TableHead>
          <TableHead>{t("created")}</TableHead>
          <TableHead>{t("kind")}</TableHead>
          <TableHead className="text-right">{t("actions")}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.templateId}>
            <TableCell className="font-mono text-xs">{row.templateId}</TableCell>
            <TableCell className="font-medium">{row.userVersion}</TableCell>
            <TableCell className="max-w-64 truncate" title={row.userDesc}>
              {row.userDesc || "—"}
            </TableCell>
            <TableCell>
              <div>{row.sourceName ?? "—"}</div>
              {row.sourceAppid ? <div className="font-mono text-xs text-muted-foreground">{row.sourceAppid}</div> : null}
            </TableCell>
            <TableCell>{row.developer ?? "—"}</TableCell>
            <TableCell className="whitespace-nowrap">
              {row.platformCreatedAt ? format.dateTime(row.platformCreatedAt, { dateStyle: "medium", timeStyle: "short" }) : "—"}
            </TableCell>
            <TableCell>
              <Badge variant={row.kind === "standard" ? "warning" : "secondary"}>{t(row.kind)}</Badge>
            </TableCell>
            <TableCell className="text-right">
              <DeleteTemplateButton accountId={accountId} templateId={row.templateId} version={row.userVersion} disabledReason={disabledReason} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
