import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { DEMO, db, expect, test, signedInPage } from "./fixtures";

/** The Sandbox page (admin) and its control surface. The control token is the one playwright.config.ts gives the server. */
const CONTROL_TOKEN = "e2e-sandbox-control-token-0123456789";
const auth = { authorization: `Bearer ${CONTROL_TOKEN}` };

async function control(request: APIRequestContext, path: string, body: unknown = {}) {
  const res = await request.post(`/sandbox/control/${path}`, { headers: auth, data: body });
  expect(res.status(), `${path}: ${await res.text()}`).toBe(200);
  return res.json();
}

test("an admin sees platforms and call counters, injects a fault that fires, and clears it", async ({ page, signInAs, request }) => {
  const platform = await control(request, "platforms", { name: `E2E platform ${Date.now()}` });
  // One refused call, so the counters have an error to show.
  const refused = await request.post("/sandbox/wechat/cgi-bin/component/api_component_token", {
    data: { component_appid: platform.component_appid, component_appsecret: "wrong", component_verify_ticket: platform.verify_ticket },
  });
  expect((await refused.json()).errcode).toBe(40125);

  await signInAs(DEMO.admin);
  await page.getByRole("navigation", { name: "Console sections" }).first().getByRole("link", { name: "Sandbox" }).click();
  await expect(page).toHaveURL(/\/sandbox$/);
  await expect(page.getByRole("heading", { name: "Sandbox", level: 1 })).toBeVisible();

  const card = page.getByTestId(`platform-${platform.component_appid}`);
  await expect(card).toContainText(platform.component_appid);
  await expect(card).toContainText(platform.encoding_aes_key);
  await expect(card).not.toContainText(platform.component_appsecret);
  await card.getByRole("button", { name: `Show the secret of ${platform.component_appid}` }).click();
  await expect(card.getByTestId("platform-secret")).toHaveText(platform.component_appsecret);
  await expect(card).toContainText(/Pushed/);

  const counters = page.getByRole("table", { name: "API calls" });
  const tokenRow = counters.getByRole("row").filter({ hasText: "/cgi-bin/component/api_component_token" });
  await expect(tokenRow).toContainText(/40125 × \d+/);

  // A refused form keeps the fault out of the database and says why next to the field.
  const form = page.getByRole("form", { name: "Fault injection" });
  const path = "/cgi-bin/component/api_create_preauthcode";
  await form.getByLabel("Path").fill(path);
  await form.getByRole("button", { name: "Inject fault" }).click();
  await expect(form.getByLabel("Value")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByText("Required.")).toBeVisible();
  expect((await db`select count(*)::int as n from sandbox_faults where path_pattern = ${path}`)[0]!.n).toBe(0);

  await form.getByLabel("Value").fill("45009");
  await form.getByLabel("Count").fill("2");
  await form.getByRole("button", { name: "Inject fault" }).click();
  await expect(page.getByText(`Fault injected on ${path}.`)).toBeVisible();
  const faults = page.getByTestId("sandbox-faults");
  await expect(faults).toContainText(path);
  await expect(faults).toContainText("errcode 45009 · 100% of calls · 2 left");
  const [row] = await db`select errcode, probability, remaining from sandbox_faults where path_pattern = ${path}`;
  expect(row).toMatchObject({ errcode: 45009, probability: 1, remaining: 2 });

  // Faults come before authentication, like a platform that is down: even a call without a token gets 45009.
  const faulted = await request.post(`/sandbox/wechat${path}`, { data: { component_appid: platform.component_appid } });
  expect((await faulted.json()).errcode).toBe(45009);
  await expect(faults).toContainText("1 left");

  await page.getByRole("button", { name: "Clear faults" }).click();
  await expect(page.getByText(/^Faults cleared: \d+\.$/)).toBeVisible();
  await expect(page.getByText("No active fault.")).toBeVisible();
  expect((await db`select count(*)::int as n from sandbox_faults`)[0]!.n).toBe(0);
});

test("an admin approves an audit under review and unauthorizes a mini-program", async ({ page, signInAs, request }) => {
  const platform = await control(request, "platforms", { name: "E2E audits" });
  await control(request, "seed", { authorizers: 2, component_appid: platform.component_appid });
  const state = await (await request.get(`/sandbox/control/state?component_appid=${platform.component_appid}`, { headers: auth })).json();
  const [reviewed, revoked] = state.authorizers as { appid: string; nickname: string }[];
  const [audit] = await db`
    insert into sandbox_audits (appid, status, user_version, request) values (${reviewed!.appid}, 2, '1.2.0', '{}'::jsonb) returning auditid`;

  await signInAs(DEMO.admin);
  await page.goto("/sandbox");
  await page.getByLabel("Filter by appid or name").fill(reviewed!.appid);
  const row = page.getByTestId(`authorizer-${reviewed!.appid}`);
  await expect(row).toContainText("Auditing");
  await expect(page.getByText("Showing 1 of 1")).toBeVisible();
  await row.getByRole("button", { name: `Approve the audit of ${reviewed!.nickname}` }).click();
  await expect(page.getByText(`Audit ${audit!.auditid} approved.`)).toBeVisible();
  await expect(row).toContainText("Approved");
  expect((await db`select status from sandbox_audits where auditid = ${audit!.auditid}`)[0]!.status).toBe(0);

  await page.getByLabel("Filter by appid or name").fill(revoked!.appid);
  const other = page.getByTestId(`authorizer-${revoked!.appid}`);
  await other.getByRole("button", { name: `Unauthorize ${revoked!.nickname}` }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText(`Unauthorize ${revoked!.nickname}?`);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  expect((await db`select authorized from sandbox_authorizers where appid = ${revoked!.appid}`)[0]!.authorized).toBe(true);
  await other.getByRole("button", { name: `Unauthorize ${revoked!.nickname}` }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Unauthorize" }).click();
  await expect(page.getByText(`${revoked!.nickname} is no longer authorized.`)).toBeVisible();
  await expect(other).toContainText("Unauthorized");
  const [after] = await db`select authorized, refresh_token from sandbox_authorizers where appid = ${revoked!.appid}`;
  expect(after).toMatchObject({ authorized: false, refresh_token: null });
  // The server's background timer (instrumentation.ts) picks the `unauthorized` push up within a second or two.
  await expect
    .poll(async () => (await db`select attempts from sandbox_pushes where kind = 'unauthorized' and plaintext like ${`%${revoked!.appid}%`}`)[0]?.attempts ?? 0)
    .toBeGreaterThan(0);
});

test("viewers and operators cannot open the Sandbox page", async ({ page, signInAs, browser }) => {
  await signInAs(DEMO.viewer);
  await expect(page.getByRole("navigation", { name: "Console sections" }).first().getByRole("link", { name: "Sandbox" })).toHaveCount(0);
  await page.goto("/sandbox");
  await expect(page).toHaveURL(/\/forbidden$/);

  const { context: operatorContext, page: operator } = await signedInPage(browser, DEMO.operator);
  await operator.goto("/sandbox");
  await expect(operator).toHaveURL(/\/forbidden$/);
  // Their session does not open the control surface either.
  const withSession = await operator.request.get("/sandbox/control/state");
  expect(withSession.status()).toBe(401);
  await operatorContext.close();
});

test("the control surface answers 401 without credentials and changes nothing", async ({ baseURL }) => {
  const anonymous = await playwrightRequest.newContext({ baseURL });
  const state = await anonymous.get("/sandbox/control/state");
  expect(state.status()).toBe(401);
  expect(await state.json()).toMatchObject({ error: "unauthorized" });
  const [{ n: before }] = (await db`select count(*)::int as n from sandbox_platforms`) as unknown as [{ n: number }];
  const reset = await anonymous.post("/sandbox/control/reset", { data: {} });
  expect(reset.status()).toBe(401);
  const wrongToken = await anonymous.post("/sandbox/control/platforms", { headers: { authorization: "Bearer not-the-token-at-all" }, data: {} });
  expect(wrongToken.status()).toBe(401);
  const [{ n: after }] = (await db`select count(*)::int as n from sandbox_platforms`) as unknown as [{ n: number }];
  expect(after).toBe(before);
  await anonymous.dispose();
});
