import { getFormatter } from "next-intl/server";
import { TableCell, TableHead } from "@/components/ui/table";

/** What a draft and a template both show: id, version, description, source mini-program, developer, created. */
export type CodePackage = {
  id: number;
  userVersion: string;
  userDesc: string;
  sourceName: string | null;
  sourceAppid: string | null;
  developer: string | null;
  createdAt: Date | null;
};

type Labels = { id: string; version: string; desc: string; source: string; developer: string; created: string };

/**
 * Whether any row names its source mini-program or developer: Baidu's drafts and templates name neither, so their
 * tables leave out two columns of dashes (the room goes to the description field beside each draft).
 */
export const hasSourceColumns = (items: Pick<CodePackage, "sourceName" | "sourceAppid" | "developer">[]) =>
  items.some((i) => i.sourceName || i.sourceAppid || i.developer);

export function CodePackageHeads({ labels, source = true }: { labels: Labels; source?: boolean }) {
  return (
    <>
      <TableHead>{labels.id}</TableHead>
      <TableHead>{labels.version}</TableHead>
      <TableHead>{labels.desc}</TableHead>
      {source ? <TableHead>{labels.source}</TableHead> : null}
      {source ? <TableHead>{labels.developer}</TableHead> : null}
      <TableHead>{labels.created}</TableHead>
    </>
  );
}

export async function CodePackageCells({ item, source = true }: { item: CodePackage; source?: boolean }) {
  const format = await getFormatter();
  return (
    <>
      <TableCell className="font-mono text-xs">{item.id}</TableCell>
      <TableCell className="font-medium">{item.userVersion}</TableCell>
      <TableCell className="max-w-64 truncate" title={item.userDesc}>
        {item.userDesc || "—"}
      </TableCell>
      {source ? (
        <TableCell>
          <div>{item.sourceName ?? "—"}</div>
          {item.sourceAppid ? <div className="font-mono text-xs text-muted-foreground">{item.sourceAppid}</div> : null}
        </TableCell>
      ) : null}
      {source ? <TableCell>{item.developer ?? "—"}</TableCell> : null}
      <TableCell className="whitespace-nowrap">{item.createdAt ? format.dateTime(item.createdAt, { dateStyle: "medium", timeStyle: "short" }) : "—"}</TableCell>
    </>
  );
}
