/**
 * Screenshots of the bulk-jobs pages, in English and Chinese, for the README and issue notes:
 *   SHOT_URL=http://localhost:3188 SHOT_PASSWORD=… SHOT_DATABASE_URL=postgres://… SHOT_ENCRYPTION_KEY=… \
 *     npx tsx scripts/screenshots-bulk.ts
 * against a console started with SANDBOX=1 and DEMO_SEED=1 (SHOT_ENCRYPTION_KEY: its APP_ENCRYPTION_KEY).
 * Seeds 20 sandbox mini-programs tagged "连锁门店" into the console (as onboarding leaves them, like
 * e2e/bulk-jobs.spec.ts) and an audit profile for their category, sets the sandbox to approve audits after a few
 * seconds, then walks the list → wizard → job → jobs list → fleet board → QR wall. Writes PNGs to docs/screenshots/.
 */
import { createCipheriv, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "@playwright/test";
import postgres from "postgres";
import jobsEn from "../lib/i18n/messages/jobs.en.json";
import jobsZh from "../lib/i18n/messages/jobs.zh-CN.json";

const base = process.env.SHOT_URL || "http://localhost:3188";
const password = process.env.SHOT_PASSWORD;
const databaseUrl = process.env.SHOT_DATABASE_URL;
const key = process.env.SHOT_ENCRYPTION_KEY;
if (!password || !databaseUrl || !key) throw new Error("SHOT_PASSWORD, SHOT_DATABASE_URL and SHOT_ENCRYPTION_KEY are required");
const out = path.resolve("docs/screenshots");
fs.mkdirSync(out, { recursive: true });
const db = postgres(databaseUrl, { max: 2, onnotice: () => {} });
const TAG = "连锁门店";
const COUNT = 20;
const LOCALES = { en: jobsEn, "zh-CN": jobsZh } as const;

/** The console's at-rest format (lib/crypto): "v1:" + base64(iv | tag | ciphertext), AES-256-GCM. */
function encrypt(plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", Buffer.from(key!, "base64"), iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64")}`;
}

async function shoot(page: Page, name: string, fullPage = false) {
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: path.join(out, `${name}.png`), fullPage });
  console.log(`docs/screenshots/${name}.png`);
}

async function control(page: Page, what: string, body: unknown) {
  const res = await page.request.post(`${base}/sandbox/control/${what}`, { data: body });
  if (!res.ok()) throw new Error(`sandbox control ${what}: HTTP ${res.status()} ${await res.text()}`);
  return res.json();
}

async function signIn(browser: Browser, locale: keyof typeof LOCALES) {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 800 } });
  await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: base }]);
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.locator("#email").fill("operator@example.com");
  await page.locator("#password").fill(password!);
  await page.locator("form button[type=submit]").click();
  await page.waitForURL(`${base}/`);
  return { context, page };
}

/** 20 sandbox mini-programs in the console under one tag (once: a second run reuses them), and the audit profile. */
async function seedWorld(admin: Page) {
  const [account] = await db`select id, app_id, verify_ticket_at from platform_accounts where api_base like '%/sandbox/wechat' order by created_at limit 1`;
  if (!account) throw new Error("no sandbox platform account: start the console with SANDBOX=1 DEMO_SEED=1");
  const [{ n }] = (await db`select count(*)::int as n from tenants where ${TAG} = any(tags)`) as unknown as [{ n: number }];
  if (n === 0) {
    const before = (await db`select appid from sandbox_authorizers where component_appid = ${account.app_id}`).map((r) => r.appid as string);
    await control(admin, "seed", { authorizers: COUNT, component_appid: account.app_id });
    const fresh = await db`
      select appid, principal_name, user_name, refresh_token, func_info from sandbox_authorizers
      where component_appid = ${account.app_id} and not (appid = any(${before})) order by appid`;
    for (const [i, a] of fresh.entries()) {
      await db`
        insert into tenants (account_id, appid, nickname, principal_name, user_name, refresh_token_enc, permission_sets, tags, authorized_at)
        values (${account.id}, ${a.appid}, ${`茶语 ${String(i + 1).padStart(2, "0")} 号店`}, ${a.principal_name}, ${a.user_name},
                ${encrypt(a.refresh_token as string)}, ${a.func_info as number[]}, ${[TAG]}, now())`;
    }
  }
  if (!account.verify_ticket_at) {
    await control(admin, "push-ticket", { component_appid: account.app_id });
    await control(admin, "deliver", {});
  }
  const items = [{ page: "pages/index/index", category: { first: { id: 287, name: "工具" }, second: { id: 616, name: "效率" }, third: null }, tags: "效率 工具", title: "首页" }];
  await db`insert into audit_profiles (name, item_list, options) values (${"门店首页"}, ${db.json(items)}, ${db.json({ versionDesc: "批量上线", orderPath: "", ugc: null })})
           on conflict (name) do nothing`;
  await control(admin, "settings", { privacyScanMs: 1500, autoDecide: { mode: "approve", afterMs: 8000 } });
  await control(admin, "quota", { component_appid: account.app_id, audit_limit: 10_000 });
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
});

// The sandbox's control surface is open to an admin's session.
{
  const context = await browser.newContext();
  const admin = await context.newPage();
  await admin.goto(`${base}/login`);
  await admin.locator("#email").fill("admin@example.com");
  await admin.locator("#password").fill(password);
  await admin.locator("form button[type=submit]").click();
  await admin.waitForURL(`${base}/`);
  await seedWorld(admin);
  // The templates page syncs the platform's template library.
  await admin.goto(`${base}/templates`);
  await admin.waitForLoadState("networkidle");
  await context.close();
}

let jobUrl: string | null = null;
for (const locale of ["en", "zh-CN"] as const) {
  const t = LOCALES[locale].jobs;
  const { context, page } = await signIn(browser, locale);

  await page.goto(`${base}/tenants?tag=${encodeURIComponent(TAG)}`);
  await page.getByTestId("select-page").check();
  await page.getByTestId("selection-actions").click();
  await shoot(page, `bulk-selection-${locale}`);

  await page.getByRole("menuitem", { name: t.kinds.pipeline, exact: true }).click();
  await page.waitForURL(/\/jobs\/new\?/);
  // 1.3.0: the template whose code uses no privacy API the seeded mini-programs would have to declare.
  // One template select per platform account of the selection (here one: id job-template-<account id>).
  const select = page.locator('[data-testid="job-templates"] select').first();
  const template = await select.locator("option", { hasText: " · 1.3.0" }).first().getAttribute("value");
  await select.selectOption(template!);
  await page.locator("#job-profile").selectOption({ label: "门店首页" });
  await page.getByTestId("preflight-job").click();
  await page.getByTestId("preflight-summary").waitFor({ timeout: 60_000 });
  await page.getByTestId("preflight").scrollIntoViewIfNeeded();
  await shoot(page, `bulk-preflight-${locale}`);

  if (!jobUrl) {
    await page.getByTestId("start-job").click();
    await page.waitForURL(/\/jobs\/[0-9a-f-]{36}$/);
    jobUrl = page.url();
    // While the audits wait for the sandbox's decision: the running job in both languages.
    await page.waitForTimeout(4000);
    await shoot(page, `bulk-progress-${locale}`);
    const other = await signIn(browser, locale === "en" ? "zh-CN" : "en");
    await other.page.goto(jobUrl);
    await shoot(other.page, `bulk-progress-${locale === "en" ? "zh-CN" : "en"}`);
    await other.context.close();
    await page.locator('[data-testid="job-state"]').filter({ hasText: t.states.finished }).waitFor({ timeout: 120_000 });
    // The fleet board's "Refresh version info" (a job reading every mini-program's versions), so the board is full.
    await page.goto(`${base}/fleet`);
    await page.getByTestId("fleet-refresh").click();
    await page.waitForURL(/\/jobs\/new\?/);
    await page.getByTestId("preflight-job").click();
    await page.getByTestId("preflight-summary").waitFor({ timeout: 60_000 });
    await page.getByTestId("start-job").click();
    await page.waitForURL(/\/jobs\/[0-9a-f-]{36}$/);
    await page.locator('[data-testid="job-state"]').filter({ hasText: t.states.finished }).waitFor({ timeout: 120_000 });
  }

  await page.goto(`${base}/jobs`);
  await shoot(page, `jobs-${locale}`);
  await page.goto(`${base}/fleet`);
  await shoot(page, `fleet-${locale}`);
  await page.goto(`${base}/fleet?tag=${encodeURIComponent(TAG)}`);
  await page.locator('a[href^="/fleet/qr-wall"]').click();
  await page.waitForURL(/\/fleet\/qr-wall/);
  await page.locator("[data-qr-tile] img").first().waitFor();
  await shoot(page, `qr-wall-${locale}`);
  await context.close();
}
await browser.close();
await db.end();
