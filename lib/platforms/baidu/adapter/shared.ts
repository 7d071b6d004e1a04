import "server-only";
import type { Capabilities } from "@/lib/platforms/port";
import type { AppClient } from "../client";
import { BaiduLocalRefusal } from "../baidu-error";
import type { BaiduPackage } from "../schemas";
import { PACKAGE_STATUS } from "../states";

/** Pieces the Baidu adapter's concern files share. */

/**
 * What Baidu offers third-party platforms (reference §8: no gray-release API, no QR-jump rules; the package document
 * has no trial QR code, privacy scan, visit switch, base-library setting or audit speed-up).
 */
export const BAIDU_CAPABILITIES: Capabilities = {
  grayRelease: false,
  qrcodeJump: false,
  trialQrcode: false,
  privacyCheck: false,
  visitStatus: false,
  supportVersion: false,
  speedupAudit: false,
  auditItems: false,
  accountAuditQuota: false,
};

/** The packages a smart program holds, by slot: at most one development, one audit and one online package. */
export type Slots = { development: BaiduPackage | null; audit: BaiduPackage | null; online: BaiduPackage | null };

/**
 * package/get sorted into its slots. A package still uploading (or whose upload failed) has no status yet: it is
 * the development slot's. Audit: under audit, failed or passed; online: online or rolling back.
 */
export async function slotsOf(client: AppClient): Promise<Slots> {
  const slots: Slots = { development: null, audit: null, online: null };
  for (const p of await client.getPackages()) {
    if (p.upload_status !== undefined || p.status === PACKAGE_STATUS.development) slots.development = p;
    else if (p.status === PACKAGE_STATUS.auditing || p.status === PACKAGE_STATUS.rejected || p.status === PACKAGE_STATUS.approved) slots.audit = p;
    else if (p.status === PACKAGE_STATUS.online || p.status === PACKAGE_STATUS.rollingBack) slots.online = p;
  }
  return slots;
}

/** A package an operation needs, by its id; refused here (the platform is not asked) when the slot is empty. */
export function packageIdOf(pkg: BaiduPackage | null, operation: string, missing: { "zh-CN": string; en: string }): number {
  if (!pkg || pkg.package_id === undefined) throw new BaiduLocalRefusal(operation, "state", missing);
  return pkg.package_id;
}

/** The history's word for a package that is uploaded and has its status (not still uploading, not failed). */
export const uploaded = (p: BaiduPackage | null): p is BaiduPackage => !!p && p.upload_status === undefined && p.package_id !== undefined;
