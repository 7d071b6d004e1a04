import { AlertTriangle } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import type { AuditState, TenantStatus } from "@/lib/vocab";

/** Token health: a tenant needing re-authorization cannot be operated at all, so it stands out. */
export function TenantStatusBadge({ status, label }: { status: TenantStatus; label: string }) {
  if (status === "needs_reauth") {
    return (
      <Badge variant="destructive" className="gap-1 font-semibold">
        <AlertTriangle className="size-3" aria-hidden />
        {label}
      </Badge>
    );
  }
  return <Badge variant={status === "authorized" ? "default" : "secondary"}>{label}</Badge>;
}

// Waiting (auditing, delayed) stands out less than a rejection, which needs the operator.
const AUDIT_BADGE = {
  none: "secondary",
  approved: "default",
  rejected: "destructive",
  auditing: "warning",
  withdrawn: "secondary",
  delayed: "warning",
} as const satisfies Record<AuditState, string>;

/** The platform writes reasons with `<br>` line breaks (reference §4.4); shown as plain text, never as HTML. */
export const reasonText = (reason: string) => reason.replace(/<br\s*\/?>/gi, "\n").replace(/<[^>]*>/g, "").trim();

/** The latest audit's status and version, and the reason of a rejection or delay; `none` shows without an audit. */
export function AuditBadge({
  audit,
  label,
  none,
}: {
  audit: { state: AuditState; userVersion: string | null; reason?: string | null } | null;
  label: string;
  none: string;
}) {
  if (!audit) return <span className="text-muted-foreground">{none}</span>;
  const reason = audit.reason && (audit.state === "rejected" || audit.state === "delayed") ? reasonText(audit.reason) : "";
  return (
    <span className="grid gap-1">
      <span className="flex flex-wrap items-center gap-1.5">
        <Badge variant={AUDIT_BADGE[audit.state]}>{label}</Badge>
        {audit.userVersion ? <span className="font-mono text-xs text-muted-foreground">{audit.userVersion}</span> : null}
      </span>
      {reason ? (
        <span className="line-clamp-2 max-w-xs whitespace-pre-line text-xs text-muted-foreground" title={reason} data-testid="audit-reason">
          {reason}
        </span>
      ) : null}
    </span>
  );
}
