import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { TemplateRow } from "@/lib/console/templates";
import { CodePackageCells, CodePackageHeads, hasSourceColumns } from "./code-package-cells";
import { DeleteTemplateButton } from "./delete-template-button";

/** The library as the console stored it at the last sync, newest first. */
export async function TemplateTable({ accountId, rows, disabledReason }: { accountId: string; rows: TemplateRow[]; disabledReason?: string }) {
  const t = await getTranslations("templates.list");
  const source = hasSourceColumns(rows);
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <CodePackageHeads labels={{ id: t("id"), version: t("version"), desc: t("desc"), source: t("source"), developer: t("developer"), created: t("created") }} source={source} />
          <TableHead>{t("kind")}</TableHead>
          <TableHead className="text-right">{t("actions")}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.templateId}>
            <CodePackageCells item={{ ...row, id: row.templateId, createdAt: row.platformCreatedAt }} source={source} />
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
