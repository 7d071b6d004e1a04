import { AuthClient } from "./auth-client";
import { DEMO, db, expect, insertOperator, signedInPage, test } from "./fixtures";

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

  test("a forged X-Forwarded-For does not escape the per-address limit", async ({ baseURL }) => {
    // A client of its own (127.0.0.9), so that locking it out does not affect the other tests on 127.0.0.1.
    await db`delete from sign_in_attempts where key = 'ip:127.0.0.9'`;
    const client = new AuthClient(baseURL!, "127.0.0.9");
    const forged = (i: number) => ({ "x-forwarded-for": `198.51.100.${i}`, "x-mpc-client-ip": `203.0.113.${i}` });
    await client.start(forged(0));
    const run = Date.now().toString(36);
    // 30 wrong passwords over ten accounts (three each: no account reaches its own limit of five).
    const codes: (string | null)[] = [];
    for (let i = 0; i < 30; i++) codes.push(await client.signIn(`spray-${run}-${i % 10}@e2e.test`, "wrong-password", forged(i + 1)));
    expect(codes.slice(0, 29)).toEqual(Array.from({ length: 29 }, () => "credentials"));
    expect(codes[29]).toBe("locked:30");
    // A new account and yet another forged address: still the same client, still locked.
    expect(await client.signIn(`spray-${run}-new@e2e.test`, "wrong-password", forged(99))).toMatch(/^locked:\d+$/);

    const rows = await db`select key, failures from sign_in_attempts where key like 'ip:%' and key <> 'ip:127.0.0.1' and key <> 'ip:::1'`;
    expect(rows.map((r) => [r.key, r.failures])).toEqual([["ip:127.0.0.9", 30]]);
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

  // Paths that only become `//evil.example` (another host, to a browser) once resolved.
  const DISGUISED = ["/.//evil.example", "/..//evil.example", "/%2e//evil.example", "/./\\evil.example", "/%5cevil.example", "/%5c%5cevil.example"];

  test("cannot be sent to another site by a disguised callback, signing in or already signed in", async ({ page, login, baseURL }) => {
    await page.goto("/login?callbackUrl=" + encodeURIComponent(DISGUISED[0]!));
    await login.signIn(DEMO.viewer, DEMO.password);
    await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/$/);

    // Signed in, /login forwards to the callback at once: read where it points.
    for (const callback of DISGUISED) {
      const res = await page.request.get("/login?callbackUrl=" + encodeURIComponent(callback), { maxRedirects: 0 });
      expect(res.status(), callback).toBeGreaterThanOrEqual(300);
      expect(res.status(), callback).toBeLessThan(400);
      const target = new URL(res.headers()["location"]!, baseURL);
      expect(target.origin, callback).toBe(new URL(baseURL!).origin);
      expect(target.pathname, callback).toBe("/");
    }
    await page.goto("/login?callbackUrl=" + encodeURIComponent(DISGUISED[1]!));
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

test.describe("sessions end when what they were issued for changes", () => {
  test("changing one's password signs out the other browsers, not this one", async ({ browser }) => {
    const op = await insertOperator({ role: "viewer", password: "first-password-1" });
    const here = await signedInPage(browser, op.email, "first-password-1");
    const elsewhere = await signedInPage(browser, op.email, "first-password-1");

    await here.page.goto("/account");
    const form = here.page.getByRole("form", { name: "Change password" });
    await form.getByLabel("Current password").fill("first-password-1");
    await form.getByLabel("New password", { exact: true }).fill("second-password-2");
    await form.getByLabel("Repeat the new password").fill("second-password-2");
    await form.getByRole("button", { name: "Change password" }).click();
    await expect(here.page.getByText("Your password has been changed.")).toBeVisible();

    await elsewhere.page.goto("/history");
    await expect(elsewhere.page).toHaveURL(/\/login\?callbackUrl=%2Fhistory/);
    await here.page.goto("/history");
    await expect(here.page).toHaveURL(/\/history$/);
    await expect(here.page.getByRole("heading", { name: "History" })).toBeVisible();

    await here.context.close();
    await elsewhere.context.close();
  });

  test("an operator disabled and enabled again does not get the old session back", async ({ browser }) => {
    const op = await insertOperator({ role: "operator", password: "operator-pass-1" });
    const operator = await signedInPage(browser, op.email, "operator-pass-1");
    const admin = await signedInPage(browser, DEMO.admin);

    await admin.page.goto("/admin/operators");
    await admin.page.getByRole("button", { name: `Disable ${op.email}` }).click();
    await admin.page.getByRole("alertdialog").getByRole("button", { name: "Disable" }).click();
    await expect(admin.page.getByText(`${op.email} has been disabled.`)).toBeVisible();
    await admin.page.getByTestId(`operator-${op.email}`).getByRole("button", { name: "Enable" }).click();
    await expect(admin.page.getByText(`${op.email} can sign in again.`)).toBeVisible();
    expect((await db`select disabled from operators where id = ${op.id}`)[0]!.disabled).toBe(false);

    await operator.page.goto("/history");
    await expect(operator.page).toHaveURL(/\/login\?callbackUrl=%2Fhistory/);

    await operator.context.close();
    await admin.context.close();
  });
});

test("/setup is closed once an operator exists", async ({ page }) => {
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/login/);
});
