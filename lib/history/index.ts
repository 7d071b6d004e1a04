import "server-only";
import { db } from "@/lib/db/client";
import { operations } from "@/lib/db/schema";
import { redact } from "./redact";

export type OperationRecord = {
  actorId?: string | null;
  tenantId?: string | null;
  action: string;
  request?: unknown;
  response?: unknown;
  errcode?: number | null;
  ok: boolean;
  durationMs?: number;
  bulkJobId?: string | null;
};

/** Appends one row to the operations history; request and answer are redacted here, never by callers. */
export async function recordOperation(record: OperationRecord) {
  await db.insert(operations).values({
    actorId: record.actorId ?? null,
    tenantId: record.tenantId ?? null,
    action: record.action,
    request: record.request === undefined ? null : redact(record.request),
    response: record.response === undefined ? null : redact(record.response),
    errcode: record.errcode ?? null,
    ok: record.ok,
    durationMs: Math.max(0, Math.round(record.durationMs ?? 0)),
    bulkJobId: record.bulkJobId ?? null,
  });
}
