import type { ReactNode } from "react";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { reasonText } from "@/components/tenants/tenant-badges";
import type { BoardPart, Refusal, VersionBoard as Board } from "@/lib/console/versions";
import { isUnderReview } from "@/lib/vocab";
import { BoardRefresher } from "./board-refresher";

/** "code — meaning" in the page's language, as every platform refusal is shown. */
export function refusalText(refusal: Refusal, locale: string): string {
  const meaning = refusal.meaning[locale === "en" ? "en" : "zh-CN"];
  return refusal.code === null ? meaning : `${refusal.code} — ${meaning}`;
}

function Cell({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <div className="grid content-start gap-1 p-4" data-testid={testId}>
      <h3 className="text-xs font-medium uppercase tracking-wide text-muted-foreground">{title}</h3>
      <div className="text-sm">{children}</div>
    </div>
  );
}

/** The board at the top of a tenant's page (lib/console/versions.ts: read live, kept a few seconds). */
export async function VersionBoard({ board, tenantId }: { board: Board; tenantId: string }) {
  const [t, tb, format, locale] = [await getTranslations("tenant.board"), await getTranslations("baiduPages.board"), await getFormatter(), await getLocale()];
  // A platform whose uploads land asynchronously (Baidu) names its slots development / online, and shows the upload.
  const packages = board.upload !== null;
  const when = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "medium", timeStyle: "short" }) : "");
  function show<T>(part: BoardPart<T>, render: (value: T) => ReactNode): ReactNode {
    if (!part.ok) return <span className="text-destructive">{t("refused", { error: refusalText(part.refusal, locale) })}</span>;
    return render(part.value);
  }
  const version = (kind: "trial" | "auditing" | "live" | "gray") =>
    show(board.versions, (versions) => {
      const v = versions.find((x) => x.kind === kind);
      if (!v) return <span className="text-muted-foreground">{t("none")}</span>;
      return (
        <>
          <span className="font-mono font-medium">{v.userVersion}</span>
          {v.userDesc ? <span className="block text-muted-foreground">{v.userDesc}</span> : null}
          {v.committedAt ? (
            <span className="block text-xs text-muted-foreground">{t(kind === "live" ? "releasedAt" : "committedAt", { time: when(v.committedAt) })}</span>
          ) : null}
        </>
      );
    });
  const reviewing = board.audit.ok && !!board.audit.value && isUnderReview(board.audit.value.state);
  const uploading = board.upload?.ok === true && board.upload.value.state === "processing";

  return (
    <section aria-labelledby="version-board-title" className="mb-6">
      <div className="mb-2 flex items-baseline justify-between gap-2">
        <h2 id="version-board-title" className="text-base font-semibold">
          {t("title")}
        </h2>
        <span className="text-xs text-muted-foreground">{t("readAt", { time: format.dateTime(board.readAt, { timeStyle: "medium" }) })}</span>
      </div>
      {reviewing || uploading ? <BoardRefresher everyMs={uploading ? 5_000 : undefined} /> : null}
      <Card className="grid divide-y divide-border sm:grid-cols-2 sm:divide-y-0 lg:grid-cols-3 [&>*]:border-border sm:[&>*]:border-b">
        <Cell title={packages ? tb("development") : t("trial")} testId="board-trial">
          {version("trial")}
        </Cell>
        <Cell title={t("audit")} testId="board-audit">
          {show(board.audit, (audit) =>
            audit ? (
              <div className="grid gap-1">
                <span className="flex flex-wrap items-center gap-1.5">
                  <Badge variant={audit.state === "rejected" ? "destructive" : audit.state === "approved" ? "default" : "warning"}>{t(`auditState.${audit.state}`)}</Badge>
                  {audit.userVersion ? <span className="font-mono text-xs">{audit.userVersion}</span> : null}
                </span>
                <span className="text-xs text-muted-foreground">
                  {t("auditid", { auditid: audit.auditid })}
                  {audit.submittedAt ? ` · ${t("submittedAt", { time: when(audit.submittedAt) })}` : null}
                </span>
                {audit.reason ? <span className="whitespace-pre-line text-xs">{t("reason", { reason: reasonText(audit.reason) })}</span> : null}
                {audit.screenshots.length > 0 ? (
                  <ul aria-label={t("screenshots")} className="flex flex-wrap gap-2">
                    {audit.screenshots.map((id, i) => (
                      <li key={id}>
                        <a href={`/tenants/${tenantId}/media/${encodeURIComponent(id)}`} target="_blank" rel="noreferrer">
                          {/* eslint-disable-next-line @next/next/no-img-element -- served by the console's authenticated media route */}
                          <img src={`/tenants/${tenantId}/media/${encodeURIComponent(id)}`} alt={t("screenshot", { n: i + 1 })} className="h-20 rounded border border-border object-cover" loading="lazy" />
                        </a>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </div>
            ) : (
              <span className="text-muted-foreground">{t("noAudit")}</span>
            ),
          )}
        </Cell>
        <Cell title={packages ? tb("online") : t("live")} testId="board-live">
          {version("live")}
        </Cell>
        {board.upload ? (
          <Cell title={tb("upload")} testId="board-upload">
            {show(board.upload, (status) => (
              <div className="grid gap-1">
                {/* The badge as wide as its word (a grid would stretch it across the cell), the version beside it. */}
                <span className="flex flex-wrap items-center gap-1.5">
                  <Badge variant={status.state === "failed" ? "destructive" : status.state === "processing" ? "warning" : "secondary"}>{tb(`uploadState.${status.state}`)}</Badge>
                  {status.state !== "none" ? <span className="font-mono text-xs">{status.userVersion}</span> : null}
                </span>
                {status.state === "failed" && status.reason ? <span className="text-xs">{tb("uploadReason", { reason: status.reason })}</span> : null}
              </div>
            ))}
          </Cell>
        ) : null}
        {board.rollbackTo ? (
          <Cell title={tb("rollbackTo")} testId="board-rollback">
            {show(board.rollbackTo, (kept) =>
              kept[0] ? <span className="font-mono font-medium">{kept[0].userVersion}</span> : <span className="text-muted-foreground">{t("none")}</span>,
            )}
          </Cell>
        ) : null}
        {board.gray ? <Cell title={t("gray")} testId="board-gray">
          {show(board.gray, (gray) => (
            <div className="grid gap-1">
              <span className="flex flex-wrap items-center gap-1.5">
                <Badge variant={gray.state === "running" ? "warning" : "secondary"}>{t(`grayState.${gray.state}`)}</Badge>
                {gray.state === "running" || gray.state === "paused" ? <span>{t("grayPercentage", { percentage: gray.percentage })}</span> : null}
              </span>
              {gray.state === "running" || gray.state === "paused" ? (
                <span className="text-xs text-muted-foreground">
                  {[gray.membersFirst ? t("membersFirst") : null, gray.testersFirst ? t("testersFirst") : null].filter(Boolean).join(" · ")}
                </span>
              ) : null}
            </div>
          ))}
        </Cell> : null}
        {board.visible ? (
          <Cell title={t("visit")} testId="board-visit">
            {show(board.visible, (open) => <Badge variant={open ? "default" : "destructive"}>{t(open ? "visitOpen" : "visitClosed")}</Badge>)}
          </Cell>
        ) : null}
        {board.baseLibrary ? (
          <Cell title={t("baseLibrary")} testId="board-base-library">
            {show(board.baseLibrary, (b) => <span className="font-mono">{b.minimum}</span>)}
          </Cell>
        ) : null}
      </Card>
    </section>
  );
}

export function VersionBoardSkeleton() {
  return (
    <div className="mb-6 grid gap-2" aria-hidden>
      <Skeleton className="h-5 w-24" />
      <Skeleton className="h-40 w-full" />
    </div>
  );
}
