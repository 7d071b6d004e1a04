import "server-only";
import type { RouteDef } from "../router";

export const auditRoutes: RouteDef[] = [];
