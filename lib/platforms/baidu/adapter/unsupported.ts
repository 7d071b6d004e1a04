import "server-only";
import type { AccountQuotaOps, TenantMediaOps, TenantPreviewOps, TenantQrJumpOps, TenantQuotaOps } from "@/lib/platforms/port";
import { unsupported } from "../baidu-error";

/**
 * The port's concerns Baidu has no API for (reference §8 and the package document): trial QR codes, audit media,
 * QR-jump rules, API call counts and their resets. Each throws a PlatformError saying so; BAIDU_CAPABILITIES keeps
 * the pages from offering them.
 */

const no = (operation: string) => async (): Promise<never> => {
  throw unsupported(operation);
};

export const previewOps: TenantPreviewOps = { trialQrcode: no("trialQrcode") };

export const mediaOps: TenantMediaOps = { uploadMedia: no("uploadMedia"), mediaImage: no("mediaImage") };

export const qrJumpOps: TenantQrJumpOps = {
  qrJumpRules: no("qrJumpRules"),
  saveQrJumpRule: no("saveQrJumpRule"),
  qrJumpVerificationFile: no("qrJumpVerificationFile"),
  publishQrJumpRule: no("publishQrJumpRule"),
  deleteQrJumpRule: no("deleteQrJumpRule"),
};

export const tenantQuotaOps: TenantQuotaOps = { apiQuota: no("apiQuota"), requestInfo: no("requestInfo"), clearQuota: no("clearQuota") };

export const accountQuotaOps: AccountQuotaOps = {
  clearQuotaMonthlyLimit: 0,
  apiQuota: no("apiQuota"),
  requestInfo: no("requestInfo"),
  clearQuota: no("clearQuota"),
  clearTenantQuota: no("clearTenantQuota"),
};
