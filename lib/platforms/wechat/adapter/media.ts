import "server-only";
import type { TenantMediaOps } from "@/lib/platforms/port";
import type { AuthorizerClient } from "../client";

export function mediaOps(_client: AuthorizerClient): TenantMediaOps {
  return {};
}
