import { test as base, expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { hash } from "@node-rs/argon2";
import postgres from "postgres";
import { DEMO_PASSWORD } from "../playwright.config";

export { expect };
export const DEMO = {
  admin: "admin@example.com",
  operator: "operator@example.com",
  viewer: "viewer@example.com",
  password: DEMO_PASSWORD,
} as const;

/** Direct access to the server's database, to seed what a test needs and to check what did (not) change. */
export const db = postgres(process.env.E2E_DATABASE_URL!, { max: 2, onnotice: () => {} });

export async function insertOperator(options: { role: "admin" | "operator" | "viewer"; password: string; disabled?: boolean }) {
  const email = `${options.role}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@e2e.test`;
  const passwordHash = await hash(options.password);
  const [row] = await db`
    insert into operators (email, name, password_hash, role, disabled)
    values (${email}, ${"E2E " + options.role}, ${passwordHash}, ${options.role}, ${options.disabled ?? false})
    returning id, email`;
  return row as { id: string; email: string };
}

export class LoginPage {
  constructor(readonly page: Page) {}
  async goto(path = "/login") {
    await this.page.goto(path);
  }
  async signIn(email: string, password: string) {
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByLabel("Password").fill(password);
    // Wait for the server's answer, so that consecutive attempts are really consecutive.
    const answered = this.page.waitForResponse((res) => res.request().method() === "POST" && res.url().includes("/login"));
    await this.page.getByRole("button", { name: "Sign in" }).click();
    await answered;
  }
  alert() {
    return this.page.getByRole("alert").filter({ hasText: /./ }).filter({ hasNotText: /^$/ });
  }
}

/** A new browser context signed in as `email` (for tests that need two people at once). Close `context` after. */
export async function signedInPage(browser: Browser, email: string, password: string = DEMO.password) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn(email, password);
  await expect(page).toHaveURL(/\/$/);
  return { context, page };
}

/**
 * Every test runs under the console's real Content-Security-Policy: a violation logged by any page of any browser
 * context the test opens (its own, or ones made with `browser.newContext`) fails the test.
 */
function watchPolicy(context: BrowserContext, violations: string[]) {
  context.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(`${message.page()?.url() ?? "?"}: ${message.text()}`);
  });
}

export const test = base.extend<{
  login: LoginPage;
  signInAs: (email: string, password?: string) => Promise<void>;
  cspGuard: void;
}>({
  cspGuard: [
    async ({ browser, context }, use) => {
      const violations: string[] = [];
      watchPolicy(context, violations);
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (...args) => {
        const made = await newContext(...args);
        watchPolicy(made, violations);
        return made;
      };
      await use();
      browser.newContext = newContext;
      expect(violations, "Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
  login: async ({ page }, use) => use(new LoginPage(page)),
  signInAs: async ({ page }, use) => {
    await use(async (email, password = DEMO.password) => {
      const login = new LoginPage(page);
      await login.goto();
      await login.signIn(email, password);
      await expect(page).toHaveURL(/\/$/);
    });
  },
});
