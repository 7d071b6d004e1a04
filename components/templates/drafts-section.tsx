import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Inbox } from "lucide-react";
import { EmptyState } from "@/components/shell/page-header";
import { FormAlert } from "@/components/ui/form-alert";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { draftBox } from "@/lib/console/templates";
import { AddDraftButton } from "./add-draft-button";

/**
 * The draft box, read from the platform when the page is shown (it is not stored: every upload changes it). Rendered
 * inside a Suspense boundary, so the library below is on screen while the platform answers.
 */
export async function DraftsSection({ accountId, actorId, disabledReason }: { accountId: string; actorId: string; disabledReason?: string }) {
  const [t, format] = await Promise.all([getTranslations("templates.drafts"), getFormatter()]);
  const box = await draftBox(accountId, (await getLocale()) === "en" ? "en" : "zh-CN", { actorId });
  if ("error" in box) return <FormAlert>{t("failed", { error: box.error })}</FormAlert>;
  const { drafts } = box;
  if (drafts.length === 0) return <EmptyState icon={<Inbox />} title={t("empty")} />;
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
          <TableHead className="text-right">{t("actions")}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {drafts.map((d) => (
          <TableRow key={d.draftId}>
            <TableCell className="font-mono text-xs">{d.draftId}</TableCell>
            <TableCell className="font-medium">{d.userVersion}</TableCell>
            <TableCell className="max-w-64 truncate" title={d.userDesc}>
              {d.userDesc || "—"}
            </TableCell>
            <TableCell>
              <div>{d.sourceName ?? "—"}</div>
              {d.sourceAppid ? <div className="font-mono text-xs text-muted-foreground">{d.sourceAppid}</div> : null}
            </TableCell>
            <TableCell>{d.developer ?? "—"}</TableCell>
            <TableCell className="whitespace-nowrap">{d.createdAt ? format.dateTime(d.createdAt, { dateStyle: "medium", timeStyle: "short" }) : "—"}</TableCell>
            <TableCell className="text-right">
              <AddDraftButton accountId={accountId} draftId={d.draftId} version={d.userVersion} disabledReason={disabledReason} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
