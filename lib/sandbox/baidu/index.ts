import "server-only";
import { env } from "@/lib/env";
import { BAIDU_ERRNO, baiduErrorBody, baiduJson } from "./errors";
import { dispatchBaidu, type BaiduRoute } from "./router";
import { authRoutes } from "./api/auth";
import { packageRoutes } from "./api/packages";
import { templateRoutes } from "./api/templates";
import { AUTHORIZE_PAGE_PATH, handleAuthorizePage } from "./authorize-page";

/** Every emulated Baidu endpoint, keyed by its path on openapi.baidu.com. */
const routes = new Map<string, BaiduRoute>();
for (const route of [...authRoutes, ...templateRoutes, ...packageRoutes]) {
  if (routes.has(route.path)) throw new Error(`sandbox baidu route defined twice: ${route.path}`);
  routes.set(route.path, route);
}

/**
 * The emulated https://openapi.baidu.com, mounted at /sandbox/baidu (app/sandbox/baidu/[...path]/route.ts), plus the
 * authorization page that stands in for smartprogram.baidu.com/mappconsole/tp/authorization at
 * /sandbox/baidu/mappconsole/tp/authorization. With the sandbox off every path is 404.
 */
export async function handleBaiduApi(req: Request, segments: string[]): Promise<Response> {
  if (!env.SANDBOX) return new Response("Not Found", { status: 404 });
  const path = "/" + segments.map(encodeURIComponent).join("/");
  if (path.length > 200) return baiduJson(baiduErrorBody(...BAIDU_ERRNO.unknownApi), 404);
  if (path === AUTHORIZE_PAGE_PATH) return handleAuthorizePage(req);
  return dispatchBaidu(routes, req, path);
}

export const baiduRoutePaths = () => [...routes.keys()].sort();
