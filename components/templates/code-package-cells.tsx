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

export function CodePackageHeads({ labels }: { labels: Labels }) {
  return (
    <>
      <TableHead>{labels.id}</TableHead>
      <TableHead>{labels.version}</TableHead>
      <TableHead>{labels.desc}</TableHead>
      <TableHead>{labels.source}</TableHead>
      <TableHead>{labels.developer}</TableHead>
      <TableHead>{labels.created}</TableHead>
    </>
  );
}

export async function CodePackageCells({ item }: { item: CodePackage }) {
  const format = await getFormatter();
  return (
    <>
      <TableCell className="font-mono text-xs">{item.id}</TableCell>
      <TableCell className="font-medium">{item.userVersion}</TableCell>
      <TableCell className="max-w-64 truncate" title={item.userDesc}>
        {item.userDesc || "—"}
      </TableCell>
      <TableCell>
        <div>{item.sourceName ?? "—"}</div>
        {item.sourceAppid ? <div className="font-mono text-xs text-muted-foreground">{item.sourceAppid}</div> : null}
      </TableCell>
      <TableCell>{item.developer ?? "—"}</TableCell>
      <TableCell className="whitespace-nowrap">{item.createdAt ? format.dateTime(item.createdAt, { dateStyle: "medium", timeStyle: "short" }) : "—"}</TableCell>
    </>
  );
}
