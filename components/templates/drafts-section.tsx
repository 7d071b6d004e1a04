import { getLocale, getTranslations } from "next-intl/server";
import { Inbox } from "lucide-react";
import { EmptyState } from "@/components/shell/page-header";
import { FormAlert } from "@/components/ui/form-alert";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { draftBox } from "@/lib/console/templates";
import { AddDraftButton } from "./add-draft-button";
import { CodePackageCells, CodePackageHeads, hasSourceColumns } from "./code-package-cells";

/**
 * The draft box, read from the platform when the page is shown (it is not stored: every upload changes it). Rendered
 * inside a Suspense boundary, so the library below is on screen while the platform answers.
 */
export async function DraftsSection({
  accountId,
  actorId,
  disabledReason,
  describe = false,
}: {
  accountId: string;
  actorId: string;
  disabledReason?: string;
  /** The platform takes a template description when a draft is added (Baidu). */
  describe?: boolean;
}) {
  const t = await getTranslations("templates.drafts");
  const box = await draftBox(accountId, (await getLocale()) === "en" ? "en" : "zh-CN", { actorId });
  if ("error" in box) return <FormAlert>{t("failed", { error: box.error })}</FormAlert>;
  const { drafts } = box;
  if (drafts.length === 0) return <EmptyState icon={<Inbox />} title={t("empty")} />;
  const source = hasSourceColumns(drafts);
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <CodePackageHeads labels={{ id: t("id"), version: t("version"), desc: t("desc"), source: t("source"), developer: t("developer"), created: t("created") }} source={source} />
          <TableHead className="text-right">{t("actions")}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {drafts.map((d) => (
          <TableRow key={d.draftId}>
            <CodePackageCells item={{ ...d, id: d.draftId }} source={source} />
            <TableCell className="text-right">
              <AddDraftButton accountId={accountId} draftId={d.draftId} version={d.userVersion} disabledReason={disabledReason} describe={describe} draftDesc={d.userDesc} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
