import { DEMO, db, expect, insertOperator, LoginPage, signedInPage, test } from "./fixtures";

test("a viewer does not see or open the operators page", async ({ page, signInAs }) => {
  await signInAs(DEMO.viewer);
  const nav = page.getByRole("navigation", { name: "Console sections" }).first();
  await expect(nav.getByRole("link", { name: "Overview" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Operators" })).toHaveCount(0);
  await page.goto("/admin/operators");
  await expect(page).toHaveURL(/\/forbidden$/);
  await expect(page.getByText("Your role does not allow this.")).toBeVisible();
});

test("an operator cannot open admin pages either", async ({ page, signInAs }) => {
  await signInAs(DEMO.operator);
  await page.goto("/admin/operators");
  await expect(page).toHaveURL(/\/forbidden$/);
});

/**
 * Every server action is a public POST endpoint. Capture a real admin action request, then replay it with a
 * viewer's session: the server must refuse it and the database must not change.
 */
test("a direct POST of an admin action as a viewer is refused and changes nothing", async ({ browser }) => {
  const target = await insertOperator({ role: "viewer", password: "target-pass-123" });
  const other = await insertOperator({ role: "viewer", password: "other-pass-1234" });

  // 1. As admin, change `other`'s role through the UI and capture the action request.
  const { context: adminContext, page: admin } = await signedInPage(browser, DEMO.admin);
  await admin.goto("/admin/operators");
  const captured = admin.waitForRequest((req) => req.method() === "POST" && !!req.headers()["next-action"]);
  await admin.getByLabel(`Role of ${other.email}`).selectOption("operator");
  const request = await captured;
  await expect(admin.getByText(`${other.email} is now Operator.`)).toBeVisible();
  const actionId = request.headers()["next-action"]!;
  const body = request.postData()!;
  expect(body).toContain(other.id);
  await adminContext.close();

  // 2. As a viewer, replay it aimed at `target`, asking for admin.
  const { context: viewerContext, page: viewer } = await signedInPage(browser, DEMO.viewer);
  const forged = body.replace(other.id, target.id).replace('"operator"', '"admin"');
  const res = await viewer.request.post("/admin/operators", {
    headers: {
      "next-action": actionId,
      "content-type": request.headers()["content-type"] ?? "text/plain;charset=UTF-8",
      accept: "text/x-component",
      "accept-language": "en",
    },
    data: forged,
  });
  const text = await res.text();
  expect(text).toContain('{"ok":false,"error":"Your role does not allow this.');
  expect(text).not.toContain('"ok":true');
  const [row] = await db`select role from operators where id = ${target.id}`;
  expect(row!.role).toBe("viewer");
  await viewerContext.close();

  // 3. Signed out entirely, the same POST is refused too.
  const anon = await browser.newContext();
  const anonRes = await anon.request.post("/admin/operators", {
    headers: { "next-action": actionId, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
    data: forged,
    maxRedirects: 0,
  });
  expect([200, 302, 303, 307]).toContain(anonRes.status());
  expect(await anonRes.text()).not.toContain('"ok":true');
  const [still] = await db`select role from operators where id = ${target.id}`;
  expect(still!.role).toBe("viewer");
  await anon.close();
});

test.describe("operators page (admin)", () => {
  test("creates an operator who can then sign in", async ({ page, signInAs, browser }) => {
    await signInAs(DEMO.admin);
    await page.goto("/admin/operators");
    const email = `new-${Date.now()}@e2e.test`;
    const form = page.getByRole("form", { name: "Add an operator" });
    await form.getByLabel("Name").fill("New Person");
    await form.getByLabel("Email").fill(email);
    await form.getByLabel("Role").selectOption("viewer");
    await form.getByLabel("Initial password").fill("new-person-pass");
    await form.getByRole("button", { name: "Add operator" }).click();
    await expect(page.getByText(`${email} can now sign in.`)).toBeVisible();
    await expect(page.getByTestId(`operator-${email}`)).toBeVisible();
    const [row] = await db`select role, password_hash from operators where email = ${email}`;
    expect(row!.role).toBe("viewer");
    expect(row!.password_hash).toMatch(/^\$argon2id\$/);

    const { context: other } = await signedInPage(browser, email, "new-person-pass");
    await other.close();
  });

  test("refuses a duplicate email and a short password next to the fields, creating nothing", async ({ page, signInAs }) => {
    await signInAs(DEMO.admin);
    await page.goto("/admin/operators");
    const [{ n: before }] = (await db`select count(*)::int as n from operators`) as unknown as [{ n: number }];
    const form = page.getByRole("form", { name: "Add an operator" });
    await form.getByLabel("Name").fill("Dup");
    await form.getByLabel("Email").fill(DEMO.operator);
    await form.getByLabel("Initial password").fill("short");
    await form.getByRole("button", { name: "Add operator" }).click();
    await expect(form.getByText("Use at least 10 characters.")).toBeVisible();
    await expect(form.getByLabel("Initial password")).toHaveAttribute("aria-invalid", "true");
    await form.getByLabel("Initial password").fill("long-enough-password");
    await form.getByRole("button", { name: "Add operator" }).click();
    await expect(form.getByText("Already used by another operator.")).toBeVisible();
    const [{ n: after }] = (await db`select count(*)::int as n from operators`) as unknown as [{ n: number }];
    expect(after).toBe(before);
  });

  test("disabling asks for confirmation, then the operator can no longer sign in", async ({ page, signInAs, browser }) => {
    const op = await insertOperator({ role: "operator", password: "soon-disabled-1" });
    await signInAs(DEMO.admin);
    await page.goto("/admin/operators");
    await page.getByRole("button", { name: `Disable ${op.email}` }).click();
    const dialog = page.getByRole("alertdialog");
    await expect(dialog).toContainText(`Disable ${op.email}?`);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    expect((await db`select disabled from operators where id = ${op.id}`)[0]!.disabled).toBe(false);

    await page.getByRole("button", { name: `Disable ${op.email}` }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Disable" }).click();
    await expect(page.getByText(`${op.email} has been disabled.`)).toBeVisible();
    await expect(page.getByTestId(`operator-${op.email}`).getByText("Disabled")).toBeVisible();
    expect((await db`select disabled from operators where id = ${op.id}`)[0]!.disabled).toBe(true);

    const other = await browser.newContext();
    const p2 = await other.newPage();
    const login = new LoginPage(p2);
    await login.goto();
    await login.signIn(op.email, "soon-disabled-1");
    await expect(p2.getByRole("alert").filter({ hasText: "This account has been disabled." })).toBeVisible();
    await other.close();
  });
});
