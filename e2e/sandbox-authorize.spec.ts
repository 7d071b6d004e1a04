import { randomBytes } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { db, expect, test } from "./fixtures";

/**
 * The simulated authorization page (/sandbox/authorize) in the browser, between the platform's own API calls
 * over HTTP: create_preauthcode → the merchant confirms → redirect with auth_code → api_query_auth.
 * Each test registers its own sandbox platform, so the demo data and other specs do not matter.
 */

type Platform = { appid: string; secret: string; ticket: string; name: string };

async function newPlatform(): Promise<Platform> {
  const p = {
    appid: `wx${randomBytes(8).toString("hex")}`,
    secret: randomBytes(16).toString("hex"),
    ticket: `ticket@@@${randomBytes(24).toString("base64url")}`,
    name: `E2E 平台 ${randomBytes(2).toString("hex")}`,
  };
  await db`
    insert into sandbox_platforms (component_appid, component_appsecret, token, encoding_aes_key, name, verify_ticket, verify_ticket_at)
    values (${p.appid}, ${p.secret}, ${"e2etoken" + randomBytes(8).toString("hex")}, ${randomBytes(32).toString("base64url").slice(0, 43)}, ${p.name}, ${p.ticket}, now())`;
  return p;
}

async function wechat(request: APIRequestContext, path: string, body: unknown, token?: string) {
  const query = token ? `?component_access_token=${encodeURIComponent(token)}` : "";
  const res = await request.post(`/sandbox/wechat${path}${query}`, { data: body });
  expect(res.status()).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

/** The platform's side: a component token from its ticket, then a pre_auth_code. */
async function preAuthCode(request: APIRequestContext, p: Platform) {
  const { component_access_token: token } = await wechat(request, "/cgi-bin/component/api_component_token", {
    component_appid: p.appid,
    component_appsecret: p.secret,
    component_verify_ticket: p.ticket,
  });
  expect(token).toEqual(expect.any(String));
  const { pre_auth_code: code } = await wechat(request, "/cgi-bin/component/api_create_preauthcode", { component_appid: p.appid }, token as string);
  return { token: token as string, code: code as string };
}

const authorizeUrl = (p: Platform, code: string, redirectUri: string, extra: Record<string, string> = {}) =>
  "/sandbox/authorize?" + new URLSearchParams({ component_appid: p.appid, pre_auth_code: code, redirect_uri: redirectUri, auth_type: "2", ...extra });

test("a merchant registers a new mini-program, authorizes, and the platform exchanges the code", async ({ page, request, baseURL }) => {
  const p = await newPlatform();
  const { token, code } = await preAuthCode(request, p);
  const redirectUri = `${baseURL}/login?next=x`;
  await page.goto(authorizeUrl(p, code, redirectUri, { category_id_list: "18|3", action: "bindcomponent", no_scan: "1" }));

  await expect(page.getByRole("heading", { name: `Authorize ${p.name}` })).toBeVisible();
  await expect(page.getByText("Code management & analytics")).toBeVisible();
  await expect(page.getByText("Open the mini-program by scanning QR codes")).toBeVisible();
  await expect(page.getByText("This platform has no sandbox mini-programs yet")).toBeVisible();

  // Nothing filled in: the errors appear next to the fields and the code is not spent.
  await page.getByRole("button", { name: "Authorize", exact: true }).click();
  await expect(page.getByLabel("Mini-program name")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Required.").first()).toBeVisible();
  const [unused] = await db`select used_at from sandbox_codes where code = ${code}`;
  expect(unused!.used_at).toBeNull();

  await page.getByLabel("Mini-program name").fill("E2E 花店");
  await page.getByLabel("Principal (company) name").fill("上海测试花艺有限公司");
  await page.getByLabel("Tools › Productivity").check();
  await page.getByRole("button", { name: "Authorize", exact: true }).click();

  await page.waitForURL(/\/login\?next=x&auth_code=/);
  const landed = new URL(page.url());
  expect(landed.origin + landed.pathname).toBe(`${baseURL}/login`);
  expect(landed.searchParams.get("next")).toBe("x");
  expect(landed.searchParams.get("expires_in")).toBe("600");
  const authCode = landed.searchParams.get("auth_code")!;
  expect(authCode).toMatch(/^queryauthcode@@@/);

  const [authorizer] = await db`select appid, nickname, principal_name, func_info, authorized, refresh_token from sandbox_authorizers where component_appid = ${p.appid}`;
  expect(authorizer).toMatchObject({ nickname: "E2E 花店", principal_name: "上海测试花艺有限公司", func_info: [18, 3], authorized: true });
  const [spent] = await db`select used_at from sandbox_codes where code = ${code}`;
  expect(spent!.used_at).not.toBeNull();

  const answer = await wechat(request, "/cgi-bin/component/api_query_auth", { component_appid: p.appid, authorization_code: authCode }, token);
  const info = answer.authorization_info as Record<string, unknown>;
  expect(info.authorizer_appid).toBe(authorizer!.appid);
  expect(info.authorizer_refresh_token).toBe(authorizer!.refresh_token);
  expect(info.func_info).toEqual([{ funcscope_category: { id: 18 } }, { funcscope_category: { id: 3 } }]);

  // The same link a second time: the code is spent.
  await page.goto(authorizeUrl(p, code, redirectUri));
  await expect(page.getByRole("heading", { name: "This authorization link cannot be used" })).toBeVisible();
  await expect(page.getByText("The pre_auth_code has already been used.")).toBeVisible();
});

test("re-authorizing an existing mini-program found by search rotates its refresh token", async ({ page, request, baseURL }) => {
  const p = await newPlatform();
  const appid = `wx${randomBytes(8).toString("hex")}`;
  for (const [id, nickname] of [[appid, "E2E 老城根火锅"], [`wx${randomBytes(8).toString("hex")}`, "E2E 鲜果时光"]]) {
    await db`
      insert into sandbox_authorizers (appid, component_appid, nickname, user_name, principal_name, func_info, authorized, refresh_token)
      values (${id!}, ${p.appid}, ${nickname!}, ${"gh_" + randomBytes(6).toString("hex")}, ${"成都测试餐饮有限公司"}, ${[18]}, true, ${"refreshtoken@@@old-" + id})`;
  }
  const { code } = await preAuthCode(request, p);
  await page.goto(authorizeUrl(p, code, `${baseURL}/login?next=y`));

  await page.getByLabel("Search mini-programs").fill("火锅");
  await expect(page.getByText("E2E 鲜果时光")).toBeHidden();
  await page.getByRole("radio", { name: /E2E 老城根火锅/ }).check();
  await page.getByRole("button", { name: "Authorize", exact: true }).click();
  await page.waitForURL(/\/login\?next=y&auth_code=/);

  const [row] = await db`select refresh_token, func_info from sandbox_authorizers where appid = ${appid}`;
  expect(row!.refresh_token).not.toBe(`refreshtoken@@@old-${appid}`);
  expect(row!.func_info).toEqual([17, 18, 19, 25, 30, 31, 3]);
  const [push] = await db`select kind from sandbox_pushes where component_appid = ${p.appid} and kind <> 'component_verify_ticket'`;
  expect(push!.kind).toBe("updateauthorized");
});

test("a link with an expired pre_auth_code shows why and changes nothing", async ({ page, baseURL }) => {
  const p = await newPlatform();
  const code = `preauthcode@@@e2e-expired-${randomBytes(6).toString("hex")}`;
  await db`insert into sandbox_codes (code, kind, component_appid, expires_at) values (${code}, 'pre_auth', ${p.appid}, now() - interval '1 minute')`;
  await page.goto(authorizeUrl(p, code, `${baseURL}/login`));
  await expect(page.getByRole("heading", { name: "This authorization link cannot be used" })).toBeVisible();
  await expect(page.getByText("The pre_auth_code has expired.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Authorize", exact: true })).toHaveCount(0);

  await page.goto(authorizeUrl({ ...p, appid: "wx0000000000000000" }, code, `${baseURL}/login`));
  await expect(page.getByText("No sandbox platform has this component_appid.")).toBeVisible();
  const [row] = await db`select used_at from sandbox_codes where code = ${code}`;
  expect(row!.used_at).toBeNull();
});
