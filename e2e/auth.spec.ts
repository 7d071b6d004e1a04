import { DEMO, db, expect, insertOperator, test } from "./fixtures";

const CONSOLE_PAGES = ["/", "/history", "/account", "/admin/operators", "/forbidden"];

test.describe("sign-in", () => {
  test("an operator signs in with the right password and lands on the overview", async ({ page, login }) => {
    await login.goto();
    await login.signIn(DEMO.admin, DEMO.password);
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
    await expect(page.getByText("Welcome back, Demo Admin.")).toBeVisible();
  });

  test("a wrong password shows a message, signs nobody in and changes nothing", async ({ page, login, context }) => {
    const [before] = await db`select password_hash, updated_at, disabled from operators where email = ${DEMO.operator}`;
    await login.goto();
    await login.signIn(DEMO.operator, "not-the-password");
    await expect(page.getByRole("alert").filter({ hasText: "The email or password is not correct." })).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name.includes("session-token"))).toBeUndefined();
    const [after] = await db`select password_hash, updated_at, disabled from operators where email = ${DEMO.operator}`;
    expect(after).toEqual(before);
    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
  });

  test("a malformed email is reported next to the field", async ({ page, login }) => {
    await login.goto();
    await login.signIn("not-an-email", "whatever");
    const email = page.getByLabel("Email");
    await expect(email).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("Enter a valid email address.")).toBeVisible();
  });

  test("a disabled operator cannot sign in", async ({ page, login }) => {
    const op = await insertOperator({ role: "operator", password: "disabled-pass-123", disabled: true });
    await login.goto();
    await login.signIn(op.email, "disabled-pass-123");
    await expect(page.getByRole("alert").filter({ hasText: "This account has been disabled." })).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
  });

  test("repeated failures lock the account for a while, even with the right password", async ({ page, login }) => {
    const op = await insertOperator({ role: "viewer", password: "right-password-1" });
    await login.goto();
    for (let i = 0; i < 4; i++) {
      await login.signIn(op.email, `wrong-${i}`);
      await expect(page.getByRole("alert").filter({ hasText: "The email or password is not correct." })).toBeVisible();
    }
    await login.signIn(op.email, "wrong-4");
    await expect(page.getByRole("alert").filter({ hasText: /Too many failed attempts\. Try again in \d+ seconds\./ })).toBeVisible();
    await login.signIn(op.email, "right-password-1");
    await expect(page.getByRole("alert").filter({ hasText: /Too many failed attempts/ })).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
    const [row] = await db`select failures, locked_until from sign_in_attempts where key = ${"email:" + op.email}`;
    expect(row!.failures).toBe(5);
    expect(new Date(row!.locked_until).getTime()).toBeGreaterThan(Date.now());
  });
});

test.describe("signed-out visitors", () => {
  for (const path of CONSOLE_PAGES) {
    test(`are sent from ${path} to the sign-in page`, async ({ page }) => {
      await page.goto(path);
      await expect(page).toHaveURL(/\/login/);
      const url = new URL(page.url());
      expect(url.searchParams.get("callbackUrl")).toBe(path === "/" ? null : path);
      await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    });
  }

  test("return to the page they asked for after signing in", async ({ page, login }) => {
    await page.goto("/history?before=999999");
    await login.signIn(DEMO.viewer, DEMO.password);
    await expect(page).toHaveURL(/\/history\?before=999999$/);
  });

  test("cannot be sent to another site after signing in", async ({ page, login }) => {
    await page.goto("/login?callbackUrl=" + encodeURIComponent("//evil.example/steal"));
    await login.signIn(DEMO.viewer, DEMO.password);
    await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/$/);
  });

  test("see the health endpoint without a session", async ({ request }) => {
    const res = await request.get("/api/health");
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, db: "up" });
  });
});

test("signing out ends the session, and the old session cookie no longer works", async ({ page, signInAs, browser }) => {
  await signInAs(DEMO.viewer);
  const before = await page.context().cookies();
  expect(before.some((c) => c.name.includes("session-token"))).toBe(true);
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Faccount/);

  // Replaying the cookie from before sign-out (a stolen cookie, or one set again by a request in flight) fails.
  const replay = await browser.newContext();
  await replay.addCookies(before);
  const other = await replay.newPage();
  await other.goto("/account");
  await expect(other).toHaveURL(/\/login\?callbackUrl=%2Faccount/);
  await replay.close();
});

test("/setup is closed once an operator exists", async ({ page }) => {
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/login/);
});
