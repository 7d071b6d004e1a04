import "server-only";
import type { TenantCodeOps } from "@/lib/platforms/port";
import { unsupported } from "../baidu-error";
import type { AppClient } from "../client";
import { UPLOAD_STATUS } from "../states";
import { slotsOf } from "./shared";

export function codeOps(client: AppClient): TenantCodeOps {
  return {
    /** package/upload: the template with the tenant's ext_json (sent as its JSON text, the documented form). */
    commit: async ({ templateId, extJson, userVersion, userDesc }) => {
      await client.upload({ template_id: templateId, ext_json: extJson, user_version: userVersion, user_desc: userDesc });
    },
    /** The upload takes effect ~3 s later: the development slot says uploading (1), failed (3) or, without upload_status, ready. */
    commitStatus: async () => {
      const dev = (await slotsOf(client)).development;
      if (!dev) return { state: "none" };
      if (dev.upload_status === UPLOAD_STATUS.uploading) return { state: "processing", userVersion: dev.version };
      if (dev.upload_status === UPLOAD_STATUS.failed) return { state: "failed", userVersion: dev.version, reason: dev.upload_status_desc || null };
      return { state: "ready", userVersion: dev.version };
    },
    // Baidu has no API listing the uploaded code's pages.
    pages: async () => {
      throw unsupported("pages");
    },
  };
}
