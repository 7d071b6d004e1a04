import { z } from "zod";

/**
 * The history's filter as it travels in the URL (the page, its tenant tab and the CSV export read the same
 * parameters). Pure: parsed the same way everywhere; anything malformed is dropped, never an error page.
 */
export type HistoryResult = "ok" | "failed" | number;
export type HistoryFilter = {
  tenantId?: string;
  actorId?: string;
  action?: string;
  result?: HistoryResult;
  /** Inclusive lower bound. */
  from?: Date;
  /** Exclusive upper bound. */
  to?: Date;
};

const loose = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

// `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm` (an <input type="datetime-local">), read as UTC so every operator means one instant.
const instant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$/)
  .transform((s) => new Date(s.length === 10 ? `${s}T00:00:00Z` : `${s}Z`))
  .refine((d) => !Number.isNaN(d.getTime()));

const result = z.union([z.enum(["ok", "failed"]), z.string().regex(/^-?\d{1,9}$/).transform(Number)]);

const params = z.object({
  tenant: loose(z.uuid()),
  actor: loose(z.uuid()),
  action: loose(z.string().trim().min(1).max(100)),
  result: loose(result),
  // The form's error-code box: a code is a narrower "failed", so it wins over the result select.
  code: loose(z.string().regex(/^-?\d{1,9}$/).transform(Number)),
  from: loose(instant),
  to: loose(instant),
});

export function parseHistoryFilter(search: Record<string, string | string[] | undefined>): HistoryFilter {
  const single = Object.fromEntries(Object.entries(search).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v || undefined]));
  const p = params.parse(single);
  return { tenantId: p.tenant, actorId: p.actor, action: p.action, result: p.code ?? p.result, from: p.from, to: p.to };
}

const day = (d: Date) => d.toISOString().slice(0, 16);

/** The filter back as URL parameters (links to other pages, the CSV export); `extra` adds or overrides. */
export function historySearch(filter: HistoryFilter, extra: Record<string, string | undefined> = {}): string {
  const out = new URLSearchParams();
  const entries: Record<string, string | undefined> = {
    tenant: filter.tenantId,
    actor: filter.actorId,
    action: filter.action,
    result: filter.result === undefined ? undefined : String(filter.result),
    from: filter.from ? day(filter.from) : undefined,
    to: filter.to ? day(filter.to) : undefined,
    ...extra,
  };
  for (const [k, v] of Object.entries(entries)) if (v) out.set(k, v);
  const text = out.toString();
  return text ? `?${text}` : "";
}
