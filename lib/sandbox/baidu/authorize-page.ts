import "server-only";
import { BaiduAuthorizeRefused, baiduAuthorizeChoices, completeBaiduAuthorization, validateBaiduAuthorize, type BaiduAuthorizeProblem, type BaiduChoice } from "./authorize";

/**
 * The stand-in for Baidu's authorization page (smartprogram.baidu.com/mappconsole/tp/authorization), served as one
 * small HTML form at /sandbox/baidu/mappconsole/tp/authorization. Its words are the emulated platform's (Chinese,
 * like Baidu's page, with English beside them), not the console's, so they are not in the console's catalogs. No
 * script: GET shows the form, POST (form-encoded) confirms and answers 303 to the redirect_uri.
 */
export const AUTHORIZE_PAGE_PATH = "/mappconsole/tp/authorization";

const escape = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const PROBLEMS: Record<BaiduAuthorizeProblem, string> = {
  missingParams: "缺少参数 client_id / pre_auth_code (missing parameters)",
  invalidRedirect: "redirect_uri 无效 (invalid redirect_uri)",
  unknownPlatform: "第三方平台不存在 (unknown client_id)",
  invalidCode: "预授权码无效 (invalid pre_auth_code)",
  usedCode: "预授权码已使用 (pre_auth_code already used)",
  expiredCode: "预授权码已过期 (pre_auth_code expired)",
  unknownApp: "小程序不属于该平台 (unknown smart program)",
  invalidChoice: "请选择小程序或填写名称（不超过 30 字）(choose a program, or a name of at most 30 characters)",
};

function page(title: string, body: string, status = 200): Response {
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>${escape(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#222}label{display:block;margin:.4rem 0}button{margin-top:1rem;padding:.5rem 1.5rem}.problem{color:#b00020}</style>
</head><body>${body}</body></html>`;
  return new Response(html, {
    status,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "x-frame-options": "DENY", "referrer-policy": "no-referrer" },
  });
}

const problemPage = (problem: BaiduAuthorizeProblem) =>
  page("授权失败", `<h1>授权失败 (authorization failed)</h1><p class="problem" data-problem="${problem}">${escape(PROBLEMS[problem])}</p>`, 400);

async function form(params: URLSearchParams): Promise<Response> {
  const request = await validateBaiduAuthorize(params);
  const apps = await baiduAuthorizeChoices(request.platform.clientId);
  const hidden = ["client_id", "pre_auth_code", "redirect_uri", "type"]
    .filter((name) => params.get(name))
    .map((name) => `<input type="hidden" name="${name}" value="${escape(params.get(name)!)}">`)
    .join("");
  const options = apps
    .map(
      (app, i) =>
        `<label><input type="radio" name="choice" value="${app.appId}"${i === 0 ? " checked" : ""}> ${escape(app.appName)} <small>(${app.appId}${app.authorized ? ", 已授权" : ""})</small></label>`,
    )
    .join("");
  return page(
    "授权智能小程序",
    `<h1>授权给「${escape(request.platform.name)}」</h1><p>第三方平台 client_id <code>${escape(request.platform.clientId)}</code> 请求管理你的智能小程序的代码包。</p>
<form method="post">${hidden}${options}
<label><input type="radio" name="choice" value="new"${apps.length === 0 ? " checked" : ""}> 新建小程序 (new smart program): <input name="new_app_name" maxlength="30"></label>
<button type="submit">确认授权 (authorize)</button></form>`,
  );
}

async function confirm(req: Request): Promise<Response> {
  const params = new URLSearchParams(await req.text());
  const choice = params.get("choice") ?? "";
  const picked: BaiduChoice | null = choice === "new" ? { mode: "new", appName: params.get("new_app_name") ?? "" } : /^\d{1,15}$/.test(choice) ? { mode: "existing", appId: Number(choice) } : null;
  if (!picked) throw new BaiduAuthorizeRefused("invalidChoice");
  const result = await completeBaiduAuthorization(params, picked);
  return new Response(null, { status: 303, headers: { location: result.redirectUrl, "cache-control": "no-store" } });
}

/** GET: the form for the query's parameters; POST: the confirmation (the same parameters as form fields). */
export async function handleAuthorizePage(req: Request): Promise<Response> {
  try {
    if (req.method === "GET") return await form(new URL(req.url).searchParams);
    if (req.method === "POST") return await confirm(req);
    return new Response("Method Not Allowed", { status: 405, headers: { allow: "GET, POST" } });
  } catch (error) {
    if (error instanceof BaiduAuthorizeRefused) return problemPage(error.problem);
    throw error;
  }
}
