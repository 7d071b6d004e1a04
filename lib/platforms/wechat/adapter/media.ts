import "server-only";
import type { TenantMediaOps } from "@/lib/platforms/port";
import type { AuthorizerClient } from "../client";

export function mediaOps(client: AuthorizerClient): TenantMediaOps {
  return {
    uploadMedia: async (file) => {
      const { type, mediaid } = await client.uploadMedia({ media: file });
      return { mediaId: mediaid, kind: type };
    },
    // Rejection screenshots are permanent media, read with the material API under the tenant's token.
    mediaImage: async (mediaId) => client.getMaterial({ media_id: mediaId }),
  };
}
