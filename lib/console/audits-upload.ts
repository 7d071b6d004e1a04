import "server-only";
import { ExpectedError } from "@/lib/errors";
import { PlatformError, type CommitStatus, type TenantPlatform } from "@/lib/platforms/port";
import { refusalOf, tenantPlatformFor, type BoardPart } from "./versions";
import { withTenantHealth } from "./tokens-health";

/**
 * Waiting for an upload to land. Baidu takes a package upload in a few seconds after answering (and may fail it
 * there); WeChat's commit has landed when it answers. Submitting for review waits for `ready`: this is the gate
 * platforms without a privacy scan put before a submission (the scan is WeChat's), and what the Code tab polls.
 */

/** Refuses a submission while the last upload is still processing or failed (nothing is sent to the platform). */
export async function uploadGate(platform: TenantPlatform): Promise<CommitStatus> {
  const status = await platform.commitStatus();
  if (status.state === "processing") throw new ExpectedError("baiduPages.errors.uploadProcessing", undefined, { version: status.userVersion });
  if (status.state === "failed") throw new ExpectedError("baiduPages.errors.uploadFailed", undefined, { version: status.userVersion, reason: status.reason ?? "—" });
  return status;
}

/**
 * Polls commitStatus until the upload is ready or failed (or there is none), at most `timeoutMs`; answers the last
 * status read (still `processing` when the time ran out). For scripts and tests; pages poll from the browser.
 */
export async function waitForUpload(platform: TenantPlatform, options: { timeoutMs?: number; everyMs?: number } = {}): Promise<CommitStatus> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    const status = await platform.commitStatus();
    if (status.state !== "processing" || Date.now() >= deadline) return status;
    await new Promise((resolve) => setTimeout(resolve, options.everyMs ?? 1_000));
  }
}

/** The Code tab's polled read: where the tenant's last upload stands, or why the platform would not say. */
export async function uploadStatusFor(tenantId: string, actorId: string | null): Promise<BoardPart<CommitStatus>> {
  const platform = await tenantPlatformFor(tenantId, actorId);
  try {
    return { ok: true, value: await withTenantHealth({ id: tenantId }, () => platform.commitStatus()) };
  } catch (error) {
    if (error instanceof PlatformError) return { ok: false, refusal: refusalOf(error) };
    throw error;
  }
}
