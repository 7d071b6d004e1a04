import { DEMO, expect, test } from "./fixtures";

const policyOf = (header: string | undefined) =>
  new Map((header ?? "").split(";").map((part) => {
    const [name, ...values] = part.trim().split(/\s+/);
    return [name!, values] as const;
  }));

test("pages carry the security headers, and the page's scripts carry the policy's fresh nonce", async ({ page }) => {
  const first = await page.goto("/login");
  const headers = first!.headers();
  const policy = policyOf(headers["content-security-policy"]);
  expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
  expect(policy.get("object-src")).toEqual(["'none'"]);
  const nonce = policy.get("script-src")?.find((v) => v.startsWith("'nonce-"))?.slice(7, -1);
  expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  expect(policy.get("script-src")).not.toContain("'unsafe-inline'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  // The e2e console is served over http: no HSTS, no upgrade of its own requests.
  expect(headers["strict-transport-security"]).toBeUndefined();
  expect(policy.has("upgrade-insecure-requests")).toBe(false);

  // Next stamps the nonce on the scripts it renders (the DOM hides the attribute; the property keeps it).
  const scriptNonces = await page.locator("script").evaluateAll((els) => els.map((el) => (el as HTMLScriptElement).nonce));
  expect(scriptNonces.length).toBeGreaterThan(0);
  expect(new Set(scriptNonces)).toEqual(new Set([nonce]));

  const second = await page.goto("/login");
  expect(second!.headers()["content-security-policy"]).not.toBe(headers["content-security-policy"]);

  // Static files get the fixed headers too.
  const asset = await page.request.get("/icon.svg");
  expect(asset.headers()["x-content-type-options"]).toBe("nosniff");
});

test("a server action's response carries the security headers", async ({ page, login }) => {
  await login.goto();
  const action = page.waitForResponse((res) => res.request().method() === "POST" && res.url().includes("/login"));
  await page.getByLabel("Email").fill(DEMO.viewer);
  await page.getByLabel("Password").fill(DEMO.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  const headers = (await action).headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  await expect(page).toHaveURL(/\/$/);
});
