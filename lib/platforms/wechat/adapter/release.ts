import "server-only";
import type { TenantReleaseOps } from "@/lib/platforms/port";
import type { AuthorizerClient } from "../client";

export function releaseOps(client: AuthorizerClient): TenantReleaseOps {
  return {
    release: async () => void (await client.release()),
    rollback: async () => void (await client.revertCodeRelease()),
    setVisible: async (visible) => void (await client.changeVisitStatus({ action: visible ? "open" : "close" })),
  };
}
