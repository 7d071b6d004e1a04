import { randomBytes } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import { DEMO, db, expect, test, signedInPage } from "./fixtures";

/**
 * Onboarding against the demo data: the demo's sandbox platform is also a console platform account (lib/sandbox/demo.ts).
 * The operator creates a link, authorizes a brand-new sandbox mini-program on /sandbox/authorize, comes back to the
 * console's callback and finds the tenant in the list. The platform's `authorized` push carries the same code; either
 * path may exchange it first, and both must end with one tenant.
 */

const CONTROL = { authorization: "Bearer e2e-sandbox-control-token-0123456789" };

type DemoAccount = { id: string; app_id: string; name: string };

async function demoAccount(): Promise<DemoAccount> {
  const [row] = await db`select id, app_id, name from platform_accounts where api_base like '%/sandbox/wechat' order by created_at limit 1`;
  expect(row, "the demo seeds a sandbox platform account").toBeTruthy();
  return row as unknown as DemoAccount;
}

/** The console needs a verify ticket to get a component token: have the sandbox push one, and wait for it to land. */
async function ensureTicket(request: APIRequestContext, account: DemoAccount) {
  const [before] = await db`select verify_ticket_at from platform_accounts where id = ${account.id}`;
  if (before!.verify_ticket_at) return;
  for (const path of ["push-ticket", "deliver"]) {
    const body = path === "push-ticket" ? { component_appid: account.app_id } : {};
    const res = await request.post(`/sandbox/control/${path}`, { headers: CONTROL, data: body });
    expect(res.status(), await res.text()).toBe(200);
  }
  await expect
    .poll(async () => (await db`select verify_ticket_at from platform_accounts where id = ${account.id}`)[0]!.verify_ticket_at, { timeout: 15_000 })
    .not.toBeNull();
}

async function createLink(page: Page, account: DemoAccount) {
  // The demo account points at the sandbox, and the picker says so.
  const picker = page.getByLabel("Platform account");
  await picker.selectOption({ label: `${account.name} (sandbox)` });
  await expect(page.getByText(/This account uses the sandbox/)).toBeVisible();
  await page.getByRole("button", { name: "Create authorization link" }).click();
  await expect(page.getByText("Authorization link created.")).toBeVisible();
  return page.getByTestId("authorization-link");
}

test("an operator authorizes a new mini-program through the sandbox page and finds it in the list", async ({ page, request, signInAs }) => {
  const account = await demoAccount();
  await ensureTicket(request, account);
  const name = `E2E 接入 ${randomBytes(3).toString("hex")}`;

  await signInAs(DEMO.operator);
  await page.getByRole("navigation", { name: "Console sections" }).first().getByRole("link", { name: "Mini-programs" }).click();
  await expect(page.getByRole("heading", { name: "Mini-programs", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "Authorize a mini-program" }).click();
  await expect(page).toHaveURL(/\/tenants\/authorize$/);

  const link = await createLink(page, account);
  const qr = link.getByRole("img", { name: "QR code of the mobile authorization link" });
  await expect(qr).toHaveAttribute("src", /^data:image\/svg\+xml;base64,/);
  const pcUrl = new URL(await link.getByRole("textbox", { name: "Authorization page address" }).inputValue());
  expect(pcUrl.pathname).toBe("/sandbox/authorize");
  expect(pcUrl.searchParams.get("component_appid")).toBe(account.app_id);
  expect(pcUrl.searchParams.get("auth_type")).toBe("2");
  expect(pcUrl.searchParams.get("redirect_uri")).toMatch(/\/tenants\/authorize\/callback\?account=/);

  // The merchant's side, in the same browser: register a new mini-program and confirm.
  await link.getByRole("link", { name: "Open the authorization page" }).click();
  await expect(page).toHaveURL(/\/sandbox\/authorize\?/);
  await page.getByRole("radio", { name: "Register a new one" }).check();
  await page.getByLabel("Mini-program name").fill(name);
  await page.getByLabel("Principal (company) name").fill("上海端到端测试有限公司");
  await page.getByLabel("Tools › Productivity").check();
  await page.getByRole("button", { name: "Authorize", exact: true }).click();

  // Back on the console: exchanged here, or (the push was faster) found among the tenants just authorized.
  await page.waitForURL(/\/tenants\/authorize\/callback\?/);
  await expect(page.getByRole("heading", { name: "Mini-program authorized" })).toBeVisible();
  const [tenant] = await db`select appid, status, refresh_token_enc, permission_sets from tenants where account_id = ${account.id} and nickname = ${name}`;
  expect(tenant).toMatchObject({ status: "authorized" });
  expect(tenant!.refresh_token_enc).toMatch(/^v1:/);
  await expect(page.getByTestId(`onboarded-${tenant!.appid}`)).toContainText(name);

  // Both paths done (the push is processed too): still one tenant.
  await expect
    .poll(async () => (await db`select count(*)::int as n from inbound_events where authorizer_appid = ${tenant!.appid} and processed_at is not null`)[0]!.n, {
      timeout: 15_000,
    })
    .toBeGreaterThan(0);
  const [{ n }] = (await db`select count(*)::int as n from tenants where appid = ${tenant!.appid}`) as unknown as [{ n: number }];
  expect(n).toBe(1);

  await page.getByRole("link", { name: "Show in the list" }).first().click();
  await expect(page.getByTestId(`tenant-${tenant!.appid}`)).toBeVisible();
  await page.getByRole("link", { name: "Clear filters" }).or(page.getByRole("button", { name: "Clear filters" })).click();
  await expect(page.getByLabel("Search", { exact: true })).toHaveValue("");
  await page.getByLabel("Search", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Search" }).click();
  const row = page.getByTestId(`tenant-${tenant!.appid}`);
  await expect(row).toContainText(name);
  await expect(row).toContainText("Authorized");
  await expect(page.getByTestId("tenant-count")).toHaveText("1 mini-program");
});

test("an admin sees the platform account's callback URLs and ticket age, never its secrets", async ({ page, request, signInAs }) => {
  const account = await demoAccount();
  const [secrets] = await db`
    select component_appsecret, token, encoding_aes_key from sandbox_platforms where component_appid = ${account.app_id}`;

  await signInAs(DEMO.admin);
  await page.getByRole("navigation", { name: "Console sections" }).first().getByRole("link", { name: "Platform accounts" }).click();
  await expect(page.getByRole("heading", { name: "Platform accounts", level: 1 })).toBeVisible();
  const card = page.getByTestId(`account-${account.app_id}`);
  await expect(card.getByText("Sandbox", { exact: true })).toBeVisible();
  await expect(card.getByRole("textbox", { name: "Authorization event URL (授权事件接收 URL)" })).toHaveValue(new RegExp(`/api/wechat/${account.app_id}/auth-events$`));
  await expect(card.getByRole("textbox", { name: "Message and event URL (消息与事件接收 URL)" })).toHaveValue(new RegExp(`/api/wechat/${account.app_id}/events/\\$APPID\\$$`));
  const html = await page.content();
  for (const secret of Object.values(secrets!)) expect(html).not.toContain(secret as string);

  // A ticket on request: api_start_push_ticket, then the push lands and the age shows.
  await card.getByRole("button", { name: "Push ticket now" }).click();
  await expect(page.getByText(/^Ticket requested/)).toBeVisible();
  await request.post("/sandbox/control/deliver", { headers: CONTROL, data: {} });
  await expect(card.getByTestId("ticket-status")).toContainText(/Received (now|\d+ seconds? ago)/, { timeout: 15_000 });

  // A malformed EncodingAESKey is refused next to its field, and nothing is created.
  const form = page.getByRole("form", { name: "Add a platform account" });
  const appId = `wx${randomBytes(8).toString("hex")}`;
  await form.getByLabel("Component AppID").fill(appId);
  await form.getByLabel("Name").fill("E2E 平台");
  await form.getByLabel("AppSecret").fill(randomBytes(16).toString("hex"));
  await form.getByLabel("Message check Token").fill("e2eToken123");
  await form.getByLabel("EncodingAESKey").fill("too-short");
  await form.getByRole("button", { name: "Add account" }).click();
  await expect(form.getByLabel("EncodingAESKey")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByText("Exactly 43 letters and digits.")).toBeVisible();
  expect((await db`select count(*)::int as n from platform_accounts where app_id = ${appId}`)[0]!.n).toBe(0);
});

test("a viewer can list mini-programs but cannot open the authorize page, call its action or see platform accounts", async ({ browser, request }) => {
  const account = await demoAccount();
  await ensureTicket(request, account);

  // A real request of the authorize action, captured from an operator.
  const { context: operatorContext, page: operator } = await signedInPage(browser, DEMO.operator);
  await operator.goto("/tenants/authorize");
  const captured = operator.waitForRequest((req) => req.method() === "POST" && !!req.headers()["next-action"]);
  await createLink(operator, account);
  const action = await captured;
  await operatorContext.close();

  const { context: viewerContext, page: viewer } = await signedInPage(browser, DEMO.viewer);
  const nav = viewer.getByRole("navigation", { name: "Console sections" }).first();
  await expect(nav.getByRole("link", { name: "Platform accounts" })).toHaveCount(0);
  await nav.getByRole("link", { name: "Mini-programs" }).click();
  await expect(viewer.getByRole("table", { name: "Mini-programs" })).toBeVisible();
  await expect(viewer.getByRole("link", { name: "Authorize a mini-program" })).toHaveCount(0);

  await viewer.goto("/tenants/authorize");
  await expect(viewer).toHaveURL(/\/forbidden$/);
  await viewer.goto("/settings/accounts");
  await expect(viewer).toHaveURL(/\/forbidden$/);

  const codes = async () => (await db`select count(*)::int as n from sandbox_codes where component_appid = ${account.app_id} and kind = 'pre_auth'`)[0]!.n as number;
  const before = await codes();
  const res = await viewer.request.post("/tenants/authorize", {
    headers: {
      "next-action": action.headers()["next-action"]!,
      "content-type": action.headers()["content-type"] ?? "text/plain;charset=UTF-8",
      accept: "text/x-component",
      "accept-language": "en",
    },
    data: action.postData()!,
  });
  const text = await res.text();
  expect(text).toContain('{"ok":false,"error":"Your role does not allow this.');
  expect(text).not.toContain('"ok":true');
  expect(await codes()).toBe(before);
  await viewerContext.close();
});
