import "server-only";
import { env } from "@/lib/env";
import { errorBody, json } from "./errors";
import { dispatch, type RouteDef } from "./router";
import { authRoutes } from "./api/auth";
import { codeRoutes } from "./api/code";
import { auditRoutes } from "./api/audit";
import { releaseRoutes } from "./api/release";
import { templateRoutes } from "./api/templates";
import { qrcodeJumpRoutes } from "./api/qrcode-jump";
import { clearQuotaRoutes } from "./api/clear-quota";
import { mediaRoutes } from "./api/media";
import { openapiRoutes } from "./api/openapi";

/** Every emulated endpoint, keyed by path. */
const ALL_ROUTES: RouteDef[] = [...authRoutes, ...codeRoutes, ...auditRoutes, ...releaseRoutes, ...templateRoutes, ...qrcodeJumpRoutes, ...clearQuotaRoutes, ...mediaRoutes];

const routes = new Map<string, RouteDef>();
for (const route of ALL_ROUTES) {
  if (routes.has(route.path)) throw new Error(`sandbox route defined twice: ${route.path}`);
  routes.set(route.path, route);
}
for (const route of openapiRoutes((path) => routes.get(path))) routes.set(route.path, route);

export const sandboxEnabled = () => env.SANDBOX;

/** The emulated https://api.weixin.qq.com, mounted at /sandbox/wechat. When the sandbox is off every path is 404. */
export async function handleWechatApi(req: Request, segments: string[]): Promise<Response> {
  if (!sandboxEnabled()) return new Response("Not Found", { status: 404 });
  const path = "/" + segments.map(encodeURIComponent).join("/");
  if (path.length > 200) return json(errorBody(40066, "invalid url"), 404);
  return dispatch(routes, req, path);
}

export const sandboxRoutePaths = () => [...routes.keys()].sort();
