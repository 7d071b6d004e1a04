import { randomBytes } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import { DEMO, db, expect, test } from "./fixtures";

/**
 * Baidu smart programs end to end in Chromium against the Baidu emulator: an admin adds the emulator's platform on
 * the accounts page → an operator authorizes a new smart program on the emulator's authorization page → a draft
 * becomes a template (with a description) → commit with ext_json → the upload turns Ready → submit content + remark →
 * the reviewer approves (control → encrypted push): Approved without a reload → release → a second version the same
 * way → roll back to the first. And a Baidu tenant's pages offer nothing Baidu lacks (QR-jump tab, gray roll-out).
 */

const CONTROL = { authorization: "Bearer e2e-sandbox-control-token-0123456789" };
async function control(request: APIRequestContext, path: string, body: unknown) {
  const res = await request.post(`/sandbox/control/baidu/${path}`, { headers: CONTROL, data: body });
  expect(res.status(), `baidu/${path}: ${await res.text()}`).toBe(200);
  return res.json();
}

type Platform = { client_id: string; token: string; encoding_aes_key: string; name: string };

const tab = (page: Page, name: string) =>
  page.getByRole("navigation", { name: "Sections of this mini-program" }).getByRole("link", { name, exact: true }).click();

/** The emulator's API base beside the demo's WeChat one (both are APP_URL's). */
async function baiduApiBase(): Promise<string> {
  const [row] = await db`select api_base from platform_accounts where api_base like '%/sandbox/wechat' order by created_at limit 1`;
  return (row!.api_base as string).replace(/\/sandbox\/wechat$/, "/sandbox/baidu");
}

const packages = async (appId: string) =>
  (await db`select package_id, status, version, content, remark from sandbox_baidu_packages where app_id = ${Number(appId)} order by package_id`) as unknown as {
    package_id: number;
    status: number;
    version: string;
    content: string;
    remark: string;
  }[];

async function confirmIn(page: Page, name: string) {
  await page.getByRole("button", { name, exact: true }).click();
  await page.getByRole("alertdialog").getByRole("button", { name, exact: true }).click();
}

/** Code tab: the template, ext_json with extEnable, commit; then the upload turns Ready (Baidu takes ~3 s). */
async function commitVersion(page: Page, templateId: number, version: string) {
  await tab(page, "Code");
  await page.getByLabel("Template", { exact: true }).selectOption(String(templateId));
  const editor = page.getByRole("textbox", { name: "ext_json" });
  await editor.fill(JSON.stringify({ extEnable: true, extAppid: "{{appid}}", ext: { name: "{{nickname}}" } }, null, 2));
  await expect(page.getByText("No problems found.")).toBeVisible();
  await page.getByLabel("Version (user_version)").fill(version);
  await page.getByLabel("Description (user_desc)").fill(`e2e ${version}`);
  await page.getByRole("button", { name: "Commit", exact: true }).click();
  await expect(page.getByText(new RegExp(`${version.replaceAll(".", "\\.")} uploaded as the trial version\\.`))).toBeVisible();
  const status = page.getByTestId("upload-status");
  await expect(status).toHaveAttribute("data-state", "ready", { timeout: 20_000 });
  await expect(status).toContainText("Ready");
  await expect(status).toContainText(`${version} is uploaded and ready to submit.`);
}

/** Audit tab: content + remark, submit; the reviewer approves; the card turns Approved without a reload. */
async function submitAndApprove(page: Page, request: APIRequestContext, appId: string, version: string) {
  await tab(page, "Audit");
  await expect(page.getByTestId("upload-status")).toHaveAttribute("data-state", "ready");
  await page.getByLabel("Audit description").fill(`版本 ${version}：门店菜单与在线预约`);
  await page.getByLabel("Note to the reviewers").fill("测试账号 13800000000");
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByText(/Submitted for review \(package \d+\)\./)).toBeVisible();
  const card = page.getByTestId("audit-card");
  await expect(card.getByTestId("audit-state")).toHaveText("Under review");
  const submitted = (await packages(appId)).find((p) => p.version === version)!;
  expect(submitted).toMatchObject({ status: 4, content: `版本 ${version}：门店菜单与在线预约`, remark: "测试账号 13800000000" });

  // A mark on the document: a reload would lose it.
  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
  await control(request, "audit", { app_id: Number(appId), result: "approve" });
  // PACKAGE_AUDIT_PASS is pushed to the message URL; the card shows it while polling.
  await expect(card.getByTestId("audit-state")).toHaveText("Approved", { timeout: 30_000 });
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
  await expect
    .poll(async () => (await db`select state from tenant_audits where auditid = ${submitted.package_id}`)[0]?.state, { timeout: 15_000 })
    .toBe("approved");
}

test("Baidu: add the platform, authorize a smart program, commit, audit, release and roll back", async ({ page, request, signInAs, browser }) => {
  test.setTimeout(240_000);
  const suffix = randomBytes(3).toString("hex");
  const platform = (await control(request, "platforms", { name: `E2E 百度平台 ${suffix}` })) as Platform;
  const accountName = `E2E 百度 ${suffix}`;

  // 1. An admin adds the emulator's platform: client_id, push token and key, no secret.
  await signInAs(DEMO.admin);
  await page.goto("/settings/accounts");
  const form = page.getByRole("form", { name: "Add a platform account" });
  await form.getByLabel("Platform").selectOption({ label: "Baidu smart-program third-party platform" });
  await expect(form.getByLabel("AppSecret")).toHaveCount(0);
  await expect(form.getByTestId("baidu-no-secret")).toBeVisible();
  await form.getByLabel("client_id (TP key)").fill(platform.client_id);
  await form.getByLabel("Name").fill(accountName);
  await form.getByLabel("Push token").fill(platform.token);
  await form.getByLabel("EncodingAESKey").fill(platform.encoding_aes_key);
  await form.getByLabel("API base (optional)").fill(await baiduApiBase());
  await form.getByRole("button", { name: "Add account" }).click();
  await expect(page.getByText(`${accountName} added. Paste its callback URLs into the platform next.`)).toBeVisible();
  const [account] = await db`select id, platform, secret_enc, token_enc from platform_accounts where app_id = ${platform.client_id}`;
  expect(account).toMatchObject({ platform: "baidu" });
  expect(account!.token_enc).toMatch(/^v1:/);
  expect(account!.token_enc).not.toContain(platform.token);

  const card = page.getByTestId(`account-${platform.client_id}`);
  await expect(card.getByText("Sandbox", { exact: true })).toBeVisible();
  await expect(card.getByRole("textbox", { name: "Authorization event URL" })).toHaveValue(new RegExp(`/api/baidu/${platform.client_id}/auth$`));
  await expect(card.getByRole("textbox", { name: "Message URL" })).toHaveValue(new RegExp(`/api/baidu/${platform.client_id}/message$`));
  expect(await page.content()).not.toContain(platform.encoding_aes_key);
  // The emulator pushed the platform's first ticket before the account existed: ask for another, it lands.
  await card.getByRole("button", { name: "Push ticket now" }).click();
  await expect(card.getByTestId("ticket-status")).toContainText(/Received (now|\d+ seconds? ago)/, { timeout: 15_000 });
  await expect.poll(async () => (await db`select verify_ticket_at from platform_accounts where id = ${account!.id}`)[0]!.verify_ticket_at).not.toBeNull();

  // 2. An operator authorizes a new smart program on the emulator's authorization page.
  const { page: operator, context } = await (async () => {
    const ctx = await browser.newContext();
    const p = await ctx.newPage();
    await p.goto("/login");
    await p.getByLabel("Email").fill(DEMO.operator);
    await p.getByLabel("Password").fill(DEMO.password);
    await p.getByRole("button", { name: "Sign in" }).click();
    await expect(p).toHaveURL(/\/$/);
    return { page: p, context: ctx };
  })();
  await operator.goto("/tenants/authorize");
  await operator.getByLabel("Platform account").selectOption({ label: `${accountName} (Baidu) (sandbox)` });
  await expect(operator.getByLabel("Accounts offered")).toHaveCount(0);
  await operator.getByRole("button", { name: "Create authorization link" }).click();
  await expect(operator.getByText("Authorization link created.")).toBeVisible();
  const link = operator.getByTestId("authorization-link");
  const pcUrl = new URL(await link.getByRole("textbox", { name: "Authorization page address" }).inputValue());
  expect(pcUrl.pathname).toBe("/sandbox/baidu/mappconsole/tp/authorization");
  expect(pcUrl.searchParams.get("client_id")).toBe(platform.client_id);
  await link.getByRole("link", { name: "Open the authorization page" }).click();
  await expect(operator).toHaveURL(/\/sandbox\/baidu\/mappconsole\/tp\/authorization\?/);
  await expect(operator.getByRole("heading", { name: `授权给「${platform.name}」` })).toBeVisible();
  const appName = `E2E 智能小程序 ${suffix}`;
  await operator.locator('input[name="choice"][value="new"]').check();
  await operator.locator('input[name="new_app_name"]').fill(appName);
  await operator.getByRole("button", { name: "确认授权 (authorize)" }).click();
  await operator.waitForURL(/\/tenants\/authorize\/callback\?/);
  await expect(operator.getByRole("heading", { name: "Mini-program authorized" })).toBeVisible();
  const [tenant] = await db`select id, appid, status, refresh_token_enc from tenants where account_id = ${account!.id} and nickname = ${appName}`;
  expect(tenant).toMatchObject({ status: "authorized" });
  expect(tenant!.refresh_token_enc).toMatch(/^v1:/);
  const { id: tenantId, appid: appId } = tenant as { id: string; appid: string };
  const [app] = await db`select refresh_token from sandbox_baidu_apps where app_id = ${Number(appId)}`;
  expect(tenant!.refresh_token_enc).not.toContain(app!.refresh_token as string);
  await context.close();

  // 3. A draft becomes a template, with a typed description (Baidu's user_desc, at most 30 characters).
  const draft = await control(request, "drafts", { client_id: platform.client_id, user_version: "1.0.0", user_desc: "e2e 草稿" });
  await page.goto(`/templates?account=${account!.id}`);
  await page.getByLabel("Template description").fill("门店版 1.0.0（端到端）");
  await page.getByRole("button", { name: `Add draft ${draft.draft_id} (1.0.0) to templates` }).click();
  await expect(page.getByText(`Draft ${draft.draft_id} is now a template`)).toBeVisible();
  const templateOf = async () => (await db`select template_id, user_desc from templates where account_id = ${account!.id} and user_version = '1.0.0'`)[0];
  await expect.poll(templateOf, { timeout: 15_000 }).toMatchObject({ user_desc: "门店版 1.0.0（端到端）" });
  const templateId = (await templateOf())!.template_id as number;
  await page.reload();
  await expect(page.getByRole("table").getByText("门店版 1.0.0（端到端）")).toBeVisible();

  // 4. Code → Audit → approved (push) → Release.
  await page.goto(`/tenants/${tenantId}`);
  await commitVersion(page, templateId, "1.0.0");
  const [committed] = await db`select ext_json, ok from commits where tenant_id = ${tenantId} order by id desc limit 1`;
  expect(committed).toMatchObject({ ok: true });
  expect(JSON.parse(committed!.ext_json as string)).toEqual({ extEnable: true, extAppid: appId, ext: { name: appName } });
  await submitAndApprove(page, request, appId, "1.0.0");
  await tab(page, "Release");
  await confirmIn(page, "Release");
  await expect(page.getByText("Released.")).toBeVisible();
  expect((await packages(appId)).filter((p) => p.status === 1).map((p) => p.version)).toEqual(["1.0.0"]);
  // Nothing to roll back to yet: Baidu keeps only the version before the online one.
  await expect(page.getByText("No earlier version to go back to.")).toBeVisible();

  // 5. A second version the same way, then roll back to the first.
  await commitVersion(page, templateId, "1.0.1");
  await submitAndApprove(page, request, appId, "1.0.1");
  await tab(page, "Release");
  await confirmIn(page, "Release");
  await expect(page.getByText("Released.")).toBeVisible();
  await expect(page.getByTestId("board-live")).toContainText("1.0.1");
  await expect(page.getByTestId("board-rollback")).toContainText("1.0.0");
  await confirmIn(page, "Roll back");
  await expect(page.getByText("Rolled back.")).toBeVisible();
  // The rollback takes effect a few seconds later (status 8 meanwhile): then 1.0.0 is online again.
  await expect.poll(async () => (await packages(appId)).find((p) => p.version === "1.0.1")?.status).toBe(8);
  await expect
    .poll(
      async () => {
        await page.reload();
        return page.getByTestId("board-live").innerText();
      },
      { timeout: 30_000, intervals: [2_000] },
    )
    .toContain("1.0.0");
});

test("a Baidu tenant's pages offer no QR-jump tab and no gray roll-out", async ({ page, signInAs }) => {
  const [tenant] = await db`select t.id from tenants t join platform_accounts a on a.id = t.account_id where a.platform = 'baidu' and t.nickname = '北辰家政服务'`;
  expect(tenant, "the demo seeds Baidu smart programs").toBeTruthy();
  await signInAs(DEMO.operator);
  await page.goto(`/tenants/${tenant!.id}`);
  const sections = page.getByRole("navigation", { name: "Sections of this mini-program" });
  await expect(sections.getByRole("link")).toHaveText(["Overview", "Code", "Audit", "Release", "History"]);
  await expect(page.getByTestId("board-gray")).toHaveCount(0);
  await expect(page.getByTestId("board-upload")).toBeVisible();
  await expect(page.getByTestId("board-rollback")).toContainText("1.0.0");
  await tab(page, "Release");
  // Baidu keeps one version to go back to: named, not offered in a list.
  await expect(page.getByTestId("rollback-target")).toHaveText("Goes back to 1.0.0.");
  await expect(page.getByLabel("Version to go back to")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Roll back", exact: true })).toBeEnabled();
  await expect(page.getByText("Gray roll-out")).toHaveCount(0);
  await expect(page.getByLabel("Share of users, as a number")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Close to users" })).toHaveCount(0);
  // The tab's address shows nothing of it either.
  await page.goto(`/tenants/${tenant!.id}/qrcode-jump`);
  await expect(page.getByText("This mini-program is not in the console")).toBeVisible();
});
