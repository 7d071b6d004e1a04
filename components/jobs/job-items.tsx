"use client";

import Link from "next/link";
import { useState } from "react";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { ItemsPage, JobItemWire } from "./types";
import { codeText, ITEM_STATE_BADGE, parkedText, reasonText, stepText, uiLocale, type JobsT } from "./words";

async function fetchItems(jobId: string, failedOnly: boolean, after: number | null, signal: AbortSignal): Promise<ItemsPage> {
  const query = new URLSearchParams();
  if (after !== null) query.set("after", String(after));
  if (failedOnly) query.set("failed", "1");
  const res = await fetch(`/jobs/${jobId}/items?${query}`, { signal, cache: "no-store", headers: { accept: "application/json" } });
  if (!res.ok) throw new Error(`job items: HTTP ${res.status}`);
  return (await res.json()) as ItemsPage;
}

/**
 * The job's mini-programs: step in words, state, attempts, the platform's code and meaning (or the console's reason),
 * last update. Keyset pages ("Load more"); "Failures only" filters on the server. Re-read while the job runs.
 */
export function JobItems({ jobId, live }: { jobId: string; live: boolean }) {
  const t = useTranslations("jobs") as unknown as JobsT;
  const ti = useTranslations("jobs.items");
  const format = useFormatter();
  const locale = uiLocale(useLocale());
  const [failedOnly, setFailedOnly] = useState(false);
  const query = useInfiniteQuery({
    queryKey: ["job-items", jobId, failedOnly],
    queryFn: ({ pageParam, signal }) => fetchItems(jobId, failedOnly, pageParam, signal),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.next,
    refetchInterval: live ? 3000 : false,
  });
  const rows = query.data?.pages.flatMap((p) => p.rows) ?? [];
  const time = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "medium" });
  const answer = (item: JobItemWire) => codeText(t, item.code, item.meaning, locale) ?? reasonText(t, item.reason);

  return (
    <Card>
      <CardHeader className="flex-row flex-wrap items-center justify-between gap-3">
        <CardTitle>{ti("title")}</CardTitle>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" className="size-4 accent-primary" checked={failedOnly} onChange={(e) => setFailedOnly(e.currentTarget.checked)} data-testid="failures-only" />
          {ti("failuresOnly")}
        </label>
      </CardHeader>
      <CardContent className="grid gap-3">
        <Table aria-label={ti("table")} aria-busy={query.isFetching}>
          <TableHeader>
            <TableRow>
              <TableHead>{ti("tenant")}</TableHead>
              <TableHead>{ti("step")}</TableHead>
              <TableHead>{ti("state")}</TableHead>
              <TableHead className="text-right">{ti("attempts")}</TableHead>
              <TableHead>{ti("answer")}</TableHead>
              <TableHead>{ti("updated")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((item) => {
              const parked = item.state === "parked" ? parkedText(t, item.parkedFor, item.parkedUntil, time) : null;
              const said = answer(item);
              return (
                <TableRow key={item.position} data-testid={`item-${item.appid}`} data-state={item.state} className="align-top">
                  <TableCell>
                    <Link href={`/tenants/${item.tenantId}`} className="font-medium underline-offset-4 hover:underline">
                      {item.nickname || item.appid}
                    </Link>
                    <div className="font-mono text-xs text-muted-foreground">{item.appid}</div>
                  </TableCell>
                  <TableCell>{stepText(t, item.step)}</TableCell>
                  <TableCell>
                    <Badge variant={ITEM_STATE_BADGE[item.state]}>{t(`itemStates.${item.state}`)}</Badge>
                    {parked ? <div className="mt-1 text-xs text-muted-foreground">{parked}</div> : null}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{item.attempts}</TableCell>
                  <TableCell className="max-w-80 text-xs">{said ?? <span className="text-muted-foreground">—</span>}</TableCell>
                  <TableCell className="whitespace-nowrap text-xs text-muted-foreground">{time(item.updatedAt)}</TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
        {query.isPending ? <p className="text-sm text-muted-foreground">{ti("loading")}</p> : null}
        {!query.isPending && rows.length === 0 ? <p className="text-sm text-muted-foreground">{ti("empty")}</p> : null}
        {query.hasNextPage ? (
          <Button variant="outline" className="justify-self-start" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
            {query.isFetchingNextPage ? ti("loading") : ti("loadMore")}
          </Button>
        ) : null}
      </CardContent>
    </Card>
  );
}
