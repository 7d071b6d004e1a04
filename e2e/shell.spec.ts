import { DEMO, db, expect, insertOperator, test } from "./fixtures";

test("the language follows the browser, and the switch is remembered", async ({ browser }) => {
  const zh = await browser.newContext({ locale: "zh-CN" });
  const page = await zh.newPage();
  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "登录" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");

  await page.getByLabel("语言").selectOption("en");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await zh.close();
});

test("the console shell shows the sections, the user menu and works in Chinese", async ({ page, signInAs }) => {
  await signInAs(DEMO.admin);
  const nav = page.getByRole("navigation", { name: "Console sections" }).first();
  for (const name of ["Overview", "History", "Operators", "My account"]) {
    await expect(nav.getByRole("link", { name })).toBeVisible();
  }
  await page.getByLabel("Language").first().selectOption("zh-CN");
  await expect(page.getByRole("heading", { name: "概览" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "控制台导航" }).first().getByRole("link", { name: "操作员" })).toBeVisible();
  await page.getByLabel("语言").first().selectOption("en");
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
});

test("with the sandbox mounted, the header shows a Sandbox badge in both languages", async ({ page, signInAs }) => {
  // The e2e server runs with SANDBOX=1 (playwright.config.ts); the badge is for every role, not only admins.
  await signInAs(DEMO.viewer);
  const badge = page.getByRole("banner").getByText("Sandbox", { exact: true });
  await expect(badge).toBeVisible();
  await expect(badge).toHaveAttribute("title", /WeChat emulator is mounted/);
  await page.getByLabel("Language").first().selectOption("zh-CN");
  const zh = page.getByRole("banner").getByText("沙盒", { exact: true });
  await expect(zh).toBeVisible();
  await expect(zh).toHaveAttribute("title", /微信模拟器/);
  await page.getByLabel("语言").first().selectOption("en");
  await expect(page.getByRole("banner").getByText("Sandbox", { exact: true })).toBeVisible();
});

test("an operator changes their own password and signs in with the new one", async ({ page, login }) => {
  const op = await insertOperator({ role: "viewer", password: "old-password-1" });
  await login.goto();
  await login.signIn(op.email, "old-password-1");
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/account");
  const form = page.getByRole("form", { name: "Change password" });

  await form.getByLabel("Current password").fill("wrong-current");
  await form.getByLabel("New password", { exact: true }).fill("new-password-22");
  await form.getByLabel("Repeat the new password").fill("new-password-22");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByText("Not your current password.")).toBeVisible();

  await form.getByLabel("Current password").fill("old-password-1");
  await form.getByLabel("New password", { exact: true }).fill("new-password-22");
  await form.getByLabel("Repeat the new password").fill("new-password-22");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your password has been changed.")).toBeVisible();

  const [row] = await db`select count(*)::int as n from operations where action = 'operator.password' and actor_id = ${op.id}`;
  expect(row!.n).toBe(1);

  await page.context().clearCookies();
  await login.goto();
  await login.signIn(op.email, "old-password-1");
  await expect(page.getByRole("alert").filter({ hasText: "not correct" })).toBeVisible();
  await login.signIn(op.email, "new-password-22");
  await expect(page).toHaveURL(/\/$/);
});

test("history lists recorded operations for every role", async ({ page, signInAs }) => {
  await db`insert into operations (action, ok, errcode, duration_ms) values ('e2e.history-check', false, 85009, 12)`;
  await signInAs(DEMO.viewer);
  await page.goto("/history");
  await expect(page.getByRole("heading", { name: "History" })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: "e2e.history-check" });
  await expect(row).toBeVisible();
  await expect(row.getByText("Failed (85009)")).toBeVisible();
  // The code's meaning in words beside it.
  await expect(row).toContainText("85009 — A version is already under audit");
});

test("an unknown page shows the not-found page", async ({ page, signInAs }) => {
  await signInAs(DEMO.viewer);
  const res = await page.goto("/no-such-page");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});
