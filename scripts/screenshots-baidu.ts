/**
 * Screenshots of every page where Baidu shows, in English and Chinese, for the README and issue notes:
 *   SHOT_URL=http://localhost:3181 SHOT_PASSWORD=… npx tsx scripts/screenshots-baidu.ts
 * against a console started with SANDBOX=1 and DEMO_SEED=1, whose Baidu demo (lib/sandbox/baidu/demo.ts) seeds the
 * platform account 云帆百度代运营平台 and its smart programs. Writes docs/screenshots/baidu-*-{en,zh-CN}.png: the
 * accounts page, the authorize page (a link created for the Baidu account) and the emulator's authorization page it
 * opens, the tenant list, a smart program's overview, Code (upload status), Audit (content + remark typed in),
 * Release, and the Baidu account's templates page.
 */
import fs from "node:fs";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";

const base = process.env.SHOT_URL || "http://localhost:3181";
const password = process.env.SHOT_PASSWORD;
if (!password) throw new Error("SHOT_PASSWORD (the demo password) is required");
const out = path.resolve("docs/screenshots");
fs.mkdirSync(out, { recursive: true });

const ACCOUNT = "云帆百度代运营平台";
/** The demo's smart programs each page shows: under audit (overview), uploaded (code, audit), online with a version to go back to (release). */
const PROGRAMS = { overview: "青松书院", uploaded: "拾光咖啡馆", online: "北辰家政服务" };
const AUDIT_TEXT = {
  en: { content: "Store menu, online booking and member points.", remark: "Test account: 13800000000 / code 123456" },
  "zh-CN": { content: "门店菜单浏览、在线预约与会员积分。", remark: "测试账号：13800000000 / 验证码 123456" },
} as const;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
});

async function shoot(page: Page, name: string, fullPage = true) {
  await page.waitForLoadState("networkidle");
  // No toast over the header, no focus ring, and the page from its top (a full-page shot of a scrolled page shows
  // the sticky header and sidebar halfway down).
  await page.waitForFunction(() => !document.querySelector("[data-sonner-toast]"), undefined, { timeout: 15_000 });
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  await page.screenshot({ path: path.join(out, `${name}.png`), fullPage });
  console.log(`docs/screenshots/${name}.png`);
}

/** A tenant page's address, found through the list's search as an operator would. */
async function tenantPath(page: Page, name: string): Promise<string> {
  await page.goto(`${base}/tenants?q=${encodeURIComponent(name)}`);
  const href = await page.getByRole("link", { name }).first().getAttribute("href");
  if (!href) throw new Error(`no tenant named ${name}: is the Baidu demo seeded?`);
  return href;
}

for (const locale of ["zh-CN", "en"] as const) {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 800 } });
  await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: base }]);
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.locator("#email").fill("admin@example.com");
  await page.locator("#password").fill(password);
  await page.locator("form button[type=submit]").click();
  await page.waitForURL(`${base}/`);

  await page.goto(`${base}/settings/accounts`);
  await shoot(page, `baidu-accounts-${locale}`);

  // The authorize page with a link made for the Baidu account, then the emulator's page that link opens.
  await page.goto(`${base}/tenants/authorize`);
  const picker = page.locator("form select").first();
  const option = await picker.locator("option", { hasText: ACCOUNT }).getAttribute("value");
  await picker.selectOption(option!);
  await page.locator("form button[type=submit]").click();
  const link = page.getByTestId("authorization-link");
  await link.waitFor();
  await shoot(page, `baidu-authorize-${locale}`);
  const address = await link.locator("input").first().inputValue();
  await page.goto(address);
  await shoot(page, `baidu-authorization-page-${locale}`, false);

  await page.goto(`${base}/tenants`);
  await shoot(page, `baidu-tenants-${locale}`);

  await page.goto(`${base}${await tenantPath(page, PROGRAMS.overview)}`);
  await shoot(page, `baidu-tenant-${locale}`);

  const uploaded = await tenantPath(page, PROGRAMS.uploaded);
  await page.goto(`${base}${uploaded}/code`);
  await page.getByTestId("upload-status").waitFor();
  await shoot(page, `baidu-tenant-code-${locale}`);
  await page.goto(`${base}${uploaded}/audit`);
  await page.locator("#audit-content").fill(AUDIT_TEXT[locale].content);
  await page.locator("#audit-remark").fill(AUDIT_TEXT[locale].remark);
  await shoot(page, `baidu-tenant-audit-${locale}`);

  await page.goto(`${base}${await tenantPath(page, PROGRAMS.online)}/release`);
  await shoot(page, `baidu-tenant-release-${locale}`);

  await page.goto(`${base}/templates`);
  await page.getByRole("link", { name: new RegExp(ACCOUNT) }).first().click();
  await page.waitForURL(/\/templates\?account=/);
  await shoot(page, `baidu-templates-${locale}`);
  await context.close();
}
await browser.close();
