import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ListChecks } from "lucide-react";
import { z } from "zod";
import { AutoRefresh } from "@/components/jobs/auto-refresh";
import { JobProgress } from "@/components/jobs/progress-bar";
import { JOB_STATE_BADGE, percentDone } from "@/components/jobs/words";
import { EmptyState, PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requireUser } from "@/lib/auth/session";
import { listJobs } from "@/lib/jobs";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("jobs"))("title") };
}

const cursor = z.string().trim().min(1).max(500).optional().catch(undefined);

/** Every bulk job, newest first: who started what and when, its state, its progress and how it ended. */
export default async function JobsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireUser("viewer");
  const after = cursor.parse((await searchParams).after);
  const [t, format, page] = await Promise.all([getTranslations("jobs"), getFormatter(), listJobs({ after, limit: 30 })]);
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  const toTenants = (
    <Button asChild variant="outline">
      <Link href="/tenants">{t("list.toTenants")}</Link>
    </Button>
  );

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} actions={toTenants} />
      <AutoRefresh active={page.rows.some((job) => !job.settled)} />
      {page.rows.length === 0 && !after ? (
        <EmptyState icon={<ListChecks />} title={t("list.empty")} description={t("list.emptyDescription")} action={toTenants} />
      ) : (
        <Card>
          <Table aria-label={t("list.table")}>
            <TableHeader>
              <TableRow>
                <TableHead>{t("list.kind")}</TableHead>
                <TableHead>{t("list.startedBy")}</TableHead>
                <TableHead>{t("list.startedAt")}</TableHead>
                <TableHead>{t("list.state")}</TableHead>
                <TableHead className="w-56">{t("list.progress")}</TableHead>
                <TableHead>{t("list.outcome")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {page.rows.map((job) => {
                const { final, percent } = percentDone(job.counts, job.total);
                const kind = t(`kinds.${job.kind}`);
                return (
                  <TableRow key={job.id} data-testid={`job-${job.id}`}>
                    <TableCell>
                      <Link href={`/jobs/${job.id}`} className="font-medium underline-offset-4 hover:underline" aria-label={t("list.open", { kind, time: when(job.createdAt) })}>
                        {kind}
                      </Link>
                    </TableCell>
                    <TableCell className="whitespace-nowrap">{job.createdBy?.name ?? t("list.system")}</TableCell>
                    <TableCell className="whitespace-nowrap text-muted-foreground">{when(job.createdAt)}</TableCell>
                    <TableCell>
                      <Badge variant={JOB_STATE_BADGE[job.state]}>{t(`states.${job.state}`)}</Badge>
                    </TableCell>
                    <TableCell>
                      <JobProgress compact counts={job.counts} total={job.total} label={t("progress.label")} valueText={t("progress.value", { percent, final, total: job.total })} />
                    </TableCell>
                    <TableCell className="text-xs text-muted-foreground">
                      {job.settled ? (
                        <>
                          <div>{t("list.outcomeCounts", { done: job.counts.done, failed: job.counts.failed, skipped: job.counts.skipped, cancelled: job.counts.cancelled })}</div>
                          {job.finishedAt ? <div>{t("list.endedAt", { time: when(job.finishedAt) })}</div> : null}
                        </>
                      ) : job.state === "paused" ? (
                        <span className="text-warning">{t("states.paused")}</span>
                      ) : (
                        t("list.running")
                      )}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </Card>
      )}
      {page.next || after ? (
        <nav className="mt-4 flex gap-2" aria-label={t("list.table")}>
          {after ? (
            <Button asChild variant="outline" size="sm">
              <Link href="/jobs">{t("list.newest")}</Link>
            </Button>
          ) : null}
          {page.next ? (
            <Button asChild variant="outline" size="sm">
              <Link href={`/jobs?${new URLSearchParams({ after: page.next })}`}>{t("list.older")}</Link>
            </Button>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
