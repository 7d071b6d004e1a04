import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ArrowLeft } from "lucide-react";
import { z } from "zod";
import { JobLive } from "@/components/jobs/job-live";
import { jobToWire } from "@/components/jobs/types";
import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { hasRole } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { getJob } from "@/lib/jobs";

export async function generateMetadata({ params }: { params: Promise<{ jobId: string }> }): Promise<Metadata> {
  const t = await getTranslations("jobs");
  const { jobId } = await params;
  const job = z.uuid().safeParse(jobId).success ? await getJob(jobId) : null;
  return { title: job ? t("job.title", { kind: t(`kinds.${job.kind}`) }) : t("title") };
}

/** One bulk job, live: progress, controls (operators), the paused reason, every mini-program's state, the CSV. */
export default async function JobPage({ params }: { params: Promise<{ jobId: string }> }) {
  const user = await requireUser("viewer");
  const { jobId } = await params;
  if (!z.uuid().safeParse(jobId).success) notFound();
  const [t, job] = await Promise.all([getTranslations("jobs"), getJob(jobId)]);
  if (!job) notFound();
  return (
    <>
      <PageHeader
        title={t("job.title", { kind: t(`kinds.${job.kind}`) })}
        description={t(`kindHints.${job.kind}`)}
        actions={
          <Button asChild variant="ghost">
            <Link href="/jobs">
              <ArrowLeft aria-hidden />
              {t("job.back")}
            </Link>
          </Button>
        }
      />
      <JobLive initial={jobToWire(job)} canOperate={hasRole(user.role, "operator")} />
    </>
  );
}
