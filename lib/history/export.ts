import "server-only";
import { stringify } from "csv-stringify/sync";
import { sqlClient } from "@/lib/db/client";
import type { HistoryFilter } from "./filter";
import { historyQuery } from "./queries";

/** Column names are stable identifiers for spreadsheets and scripts, not translated labels. */
export const CSV_COLUMNS = ["id", "time", "operator", "tenant_appid", "tenant_name", "action", "result", "errcode", "duration_ms", "bulk_job_id"] as const;

type RawRow = {
  id: string | number;
  /** Postgres's text (drizzle's driver leaves timestamps unparsed), microseconds included. */
  at: string;
  action: string;
  ok: boolean;
  errcode: number | null;
  duration_ms: number;
  bulk_job_id: string | null;
  email: string | null;
  nickname: string | null;
  appid: string | null;
};

const BATCH = 1000;

/** `2026-11-01 10:06:00.123456+00` → ISO 8601 with the offset written out, so spreadsheets read one instant. */
const isoTime = (text: string) => new Date(text.replace(" ", "T").replace(/([+-]\d\d)$/, "$1:00")).toISOString();

/**
 * The filtered history as CSV text chunks, newest first. The query is the page's own (same filter, same order, same
 * indexes), run through a postgres.js cursor: BATCH rows are in memory at a time whatever the export's size, and the
 * caller's pace (the HTTP response's back-pressure) sets the database's. `limit`: stop after that many rows.
 */
export async function* historyCsv(filter: HistoryFilter, options: { limit?: number } = {}): AsyncGenerator<string> {
  const base = historyQuery(filter);
  const { sql: text, params } = (options.limit ? base.limit(options.limit) : base).toSQL();
  yield stringify([CSV_COLUMNS as unknown as string[]]);
  const cursor = sqlClient()
    .unsafe<RawRow[]>(text, params as never[])
    .cursor(BATCH);
  for await (const rows of cursor) {
    yield stringify(
      rows.map((r) => [
        Number(r.id),
        isoTime(r.at),
        r.email ?? "",
        r.appid ?? "",
        r.nickname ?? "",
        r.action,
        r.ok ? "ok" : "failed",
        r.errcode ?? "",
        r.duration_ms,
        r.bulk_job_id ?? "",
      ]),
    );
  }
}

/** A web stream over historyCsv that pulls a batch only when the reader asks for one. */
export function historyCsvStream(filter: HistoryFilter): ReadableStream<Uint8Array> {
  const chunks = historyCsv(filter);
  const encoder = new TextEncoder();
  return new ReadableStream({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}
