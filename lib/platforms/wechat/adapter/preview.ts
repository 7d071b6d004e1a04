import "server-only";
import type { TenantPreviewOps } from "@/lib/platforms/port";
import type { AuthorizerClient } from "../client";

export function previewOps(client: AuthorizerClient): TenantPreviewOps {
  return {
    trialQrcode: async (path) => client.getTrialQrcode(path ? { path } : {}),
  };
}
