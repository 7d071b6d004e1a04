import type { Tenant } from "@/lib/db/schema";
import type { TenantPlatform } from "@/lib/platforms/port";
import type { JobKind } from "@/lib/vocab";
import type { ClaimedItem, Inflight } from "./items";
import type { JobParams } from "./params";

/** What a step gets and answers (lib/jobs/steps*.ts); the runner (lib/jobs/runner.ts) persists the answer. */

export type StepContext = {
  item: ClaimedItem;
  tenant: Tenant;
  /** The tenant's platform behind the job's gate (lib/jobs/gate.ts). */
  platform: TenantPlatform;
  actor: { id: string } | null;
  /** What the item produced so far (the commit's version, the audit id…). */
  result: Record<string, unknown>;
  /** Persists what is about to be sent (committed before the call); the runner keeps it on an unknown outcome. */
  markInflight(inflight: Omit<Inflight, "at">): Promise<void>;
};

export type StepOutcome =
  /** The step is done: on to the next one (or the item is done). */
  | { kind: "next"; result?: Record<string, unknown> }
  /** Come back later to the same step (the privacy scan still runs): no worker held meanwhile. */
  | { kind: "park"; afterMs: number; result?: Record<string, unknown> }
  /** Wait for the audit's decision (a push or the sweep wakes the item). */
  | { kind: "audit" }
  /** Nothing to do for this tenant after all (a roll-out already past the percentage). */
  | { kind: "skip"; reason: string; values?: Record<string, string | number> }
  /** A console rule ends the item (catalog key, values, and the platform's words when it gave any). */
  | { kind: "fail"; reason: string; values?: Record<string, string | number>; message?: string | null };

export type Step = (ctx: StepContext, params: never) => Promise<StepOutcome>;

/** The steps of each kind, in order. */
export function stepsOf<K extends JobKind>(kind: K, params: JobParams[K]): string[] {
  switch (kind) {
    case "pipeline": {
      const p = params as JobParams["pipeline"];
      return ["commit", "submit", ...(p.waitAudit ? ["audit"] : []), ...(p.after === "release" ? ["release"] : p.after === "gray" ? ["gray"] : [])];
    }
    case "visit_status":
      return ["visit"];
    case "refresh_versions":
      return ["refresh"];
    default:
      return [kind];
  }
}

/** Steps that submit an audit (the quota forecast counts items not past them). */
export const SUBMITTING_STEPS = ["commit", "submit"] as const;
