import { FlaskConical } from "lucide-react";

/**
 * Shown in the console's header whenever the WeChat emulator is mounted (SANDBOX=1): a deployment rehearsing with
 * the sandbox must never be mistaken for one that talks to WeChat.
 */
export function SandboxBadge({ label, hint }: { label: string; hint: string }) {
  return (
    <span
      data-testid="sandbox-badge"
      title={hint}
      className="inline-flex items-center gap-1 rounded-full border border-warning/40 bg-warning/10 px-2.5 py-0.5 text-xs font-semibold text-warning"
    >
      <FlaskConical className="size-3.5" aria-hidden />
      {label}
    </span>
  );
}
