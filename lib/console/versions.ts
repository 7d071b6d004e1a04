import "server-only";
import { operableTenant } from "@/lib/console/tenants/services";
import { withTenantHealth } from "@/lib/console/tokens-health";
import { recordReads } from "@/lib/console/fleet";
import type { Tenant } from "@/lib/db/schema";
import type { Platform } from "@/lib/vocab";
import { capabilitiesOf, platformForTenant } from "@/lib/platforms";
import {
  PlatformError,
  type Audit,
  type BaseLibrary,
  type Capabilities,
  type CodeVersion,
  type CommitStatus,
  type ErrorLocale,
  type GrayPlan,
  type ReleasedVersion,
  type TenantPlatform,
} from "@/lib/platforms/port";

/**
 * The version board at the top of a tenant's page: what the platform holds now (trial, under audit, gray, live),
 * the latest audit, the gray plan, whether users can open it, and the minimum base library. Read live from the
 * platform, kept a few seconds per tenant so moving between the tenant's tabs does not call the platform again
 * (every call costs a history row); anything the console does to the tenant forgets it at once (forgetBoard).
 */

/** What a tenant's platform can do: the tenant pages pick their tabs, cards and board cells from it. */
export const tenantCapabilities = (platform: Platform): Capabilities => capabilitiesOf(platform);

/** A platform refusal as the page shows it: the code and its meaning in both languages (never the raw message). */
export type Refusal = { code: number | null; meaning: Record<ErrorLocale, string> };
/** One part of the board: its value, or why the platform would not give it (the other parts are still shown). */
export type BoardPart<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

/**
 * A part is null when the tenant's platform does not have it (its capabilities): the page shows no cell for it,
 * and the platform is not asked. Baidu has no gray plan, visit switch or base library, but its uploads land
 * asynchronously (`upload`) and it keeps one version to roll back to (`rollbackTo`); WeChat's commit lands with its
 * answer and its kept versions are the release tab's.
 */
export type VersionBoard = {
  versions: BoardPart<CodeVersion[]>;
  audit: BoardPart<Audit | null>;
  gray: BoardPart<GrayPlan> | null;
  visible: BoardPart<boolean> | null;
  baseLibrary: BoardPart<BaseLibrary> | null;
  upload: BoardPart<CommitStatus> | null;
  rollbackTo: BoardPart<ReleasedVersion[]> | null;
  readAt: Date;
};

export const refusalOf = (error: PlatformError): Refusal => ({ code: error.code, meaning: error.meaning });

const BOARD_TTL_MS = 15_000;
const boards = new Map<string, { at: number; board: Promise<VersionBoard> }>();

/** The next read of this tenant's board asks the platform again. */
export function forgetBoard(tenantId: string) {
  boards.delete(tenantId);
}

async function part<T>(tenant: Pick<Tenant, "id">, read: () => Promise<T>): Promise<BoardPart<T>> {
  try {
    return { ok: true, value: await withTenantHealth(tenant, read) };
  } catch (error) {
    if (error instanceof PlatformError) return { ok: false, refusal: refusalOf(error) };
    throw error;
  }
}

/**
 * The board read now from the platform (no cache): each part on its own, so one refusal hides nothing else. What it
 * got is recorded in the tenant's fleet snapshot (lib/console/fleet.ts): the board read is a full version read.
 */
export async function readVersionBoard(platform: TenantPlatform): Promise<VersionBoard> {
  const tenant = { id: platform.tenantId };
  const startedAt = new Date();
  const can = platform.capabilities;
  // What the platform lacks is not asked (null); what only an asynchronous upload needs is asked only there.
  const when = <T>(has: boolean, read: () => Promise<T>): Promise<BoardPart<T> | null> => (has ? part(tenant, read) : Promise.resolve(null));
  const asyncUpload = !can.privacyCheck;
  const [versions, audit, gray, visible, baseLibrary, upload, rollbackTo] = await Promise.all([
    part(tenant, () => platform.versions()),
    part(tenant, () => platform.latestAudit()),
    when(can.grayRelease, () => platform.grayPlan()),
    when(can.visitStatus, () => platform.visible()),
    when(can.supportVersion, () => platform.baseLibrary()),
    when(asyncUpload, () => platform.commitStatus()),
    when(asyncUpload, () => platform.releasedVersions()),
  ]);
  const got = <T>(p: BoardPart<T> | null) => (p?.ok ? p.value : undefined);
  await recordReads(platform.tenantId, { versions: got(versions), audit: got(audit), gray: got(gray), visible: got(visible) }, startedAt);
  return { versions, audit, gray, visible, baseLibrary, upload, rollbackTo, readAt: new Date() };
}

/**
 * The tenant's board, from the short cache when fresh. `actorId`: who is looking (the history's actor of the reads).
 * The tenant must be operable (lib/console/tenants/services.ts): a page shows its banner instead of calling.
 */
export async function versionBoard(tenantId: string, actorId: string | null): Promise<VersionBoard> {
  const cached = boards.get(tenantId);
  if (cached && Date.now() - cached.at < BOARD_TTL_MS) return cached.board;
  const board = (async () => readVersionBoard(await platformForTenant(await operableTenant(tenantId), { actorId })))();
  boards.set(tenantId, { at: Date.now(), board });
  // A failed read (a bug, the database) is not kept.
  board.catch(() => boards.get(tenantId)?.board === board && boards.delete(tenantId));
  return board;
}

/** A platform adapter for one operable tenant, for reads by a page (the actions get theirs from defineTenantAction). */
export async function tenantPlatformFor(tenantId: string, actorId: string | null): Promise<TenantPlatform> {
  return platformForTenant(await operableTenant(tenantId), { actorId });
}

/** The versions a rollback may go back to (not cached: only the release tab shows them), or why they cannot be read. */
export async function keptVersions(tenantId: string, actorId: string | null): Promise<BoardPart<ReleasedVersion[]>> {
  const platform = await tenantPlatformFor(tenantId, actorId);
  return part({ id: tenantId }, () => platform.releasedVersions());
}
