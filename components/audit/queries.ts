"use client";

import { useQuery } from "@tanstack/react-query";
import { auditCardAction, auditQuotaAction, privacyScanAction } from "@/app/(console)/tenants/[tenantId]/audit/actions";
import type { ActionResult } from "@/lib/actions/result";
import { isUnderReview } from "@/lib/vocab";

/** The audit tab's polled reads (react-query), shared by the card and the builder through their keys. */

const unwrap = async <T,>(result: Promise<ActionResult<T>>): Promise<T> => {
  const answer = await result;
  if (!answer.ok) throw new Error(answer.error);
  return answer.data;
};

/** The scan usually takes under a minute: ask every 3 s while it runs, then stop. */
export const SCAN_POLL_MS = 3_000;
/** While under review: the push updates the row, this poll shows it (and asks the platform every 30 s server-side). */
export const CARD_POLL_MS = 5_000;

export const auditKeys = {
  all: (tenantId: string) => ["audit", tenantId] as const,
  scan: (tenantId: string) => ["audit", tenantId, "scan"] as const,
  card: (tenantId: string) => ["audit", tenantId, "card"] as const,
  quota: (tenantId: string) => ["audit", tenantId, "quota"] as const,
};

export function usePrivacyScan(tenantId: string) {
  return useQuery({
    queryKey: auditKeys.scan(tenantId),
    queryFn: () => unwrap(privacyScanAction({ tenantId })),
    // A commit made on the Code tab (or by a bulk job) starts a new scan: never show the previous one on arrival.
    staleTime: 0,
    refetchOnMount: "always",
    refetchInterval: (query) => (query.state.data?.scanning ? SCAN_POLL_MS : false),
  });
}

export function useAuditCard(tenantId: string) {
  return useQuery({
    queryKey: auditKeys.card(tenantId),
    queryFn: () => unwrap(auditCardAction({ tenantId })),
    staleTime: 0,
    refetchOnMount: "always",
    refetchInterval: (query) => {
      const audit = query.state.data?.audit;
      return audit && isUnderReview(audit.state) ? CARD_POLL_MS : false;
    },
  });
}

/** `enabled` false: the card shows nothing of the quota (a platform without speed-ups), so it is not asked. */
export function useAuditQuota(tenantId: string, enabled = true) {
  return useQuery({ queryKey: auditKeys.quota(tenantId), queryFn: () => unwrap(auditQuotaAction({ tenantId })), enabled });
}
