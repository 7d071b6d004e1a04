/**
 * Screenshots of the running console for the README and issue notes:
 *   SHOT_URL=http://localhost:3000 SHOT_PASSWORD=… npx tsx scripts/screenshots.ts
 * Writes PNGs to docs/screenshots/.
 */
import fs from "node:fs";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";

const base = process.env.SHOT_URL || "http://localhost:3000";
const password = process.env.SHOT_PASSWORD;
if (!password) throw new Error("SHOT_PASSWORD (the demo password) is required");
const out = path.resolve("docs/screenshots");
fs.mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
});

async function shoot(page: Page, name: string, fullPage = false) {
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: path.join(out, `${name}.png`), fullPage });
  console.log(`docs/screenshots/${name}.png`);
}

for (const locale of ["zh-CN", "en"] as const) {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 760 } });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await shoot(page, `login-${locale}`);
  await page.locator("#email").fill("admin@example.com");
  await page.locator("#password").fill(password);
  await page.locator("form button[type=submit]").click();
  await page.waitForURL(`${base}/`);
  await shoot(page, `overview-${locale}`);
  await page.goto(`${base}/admin/operators`);
  await shoot(page, `operators-${locale}`);
  await page.goto(`${base}/history`);
  await shoot(page, `history-${locale}`);
  await page.goto(`${base}/sandbox`);
  await shoot(page, `sandbox-${locale}`);
  await page.goto(`${base}/tenants`);
  await shoot(page, `tenants-${locale}`);
  await page.goto(`${base}/settings/accounts`);
  await shoot(page, `accounts-${locale}`);
  await page.goto(`${base}/tenants/authorize`);
  await shoot(page, `onboarding-${locale}`);
  await page.goto(`${base}/templates`);
  await shoot(page, `templates-${locale}`);
  await page.goto(`${base}/quota`);
  await shoot(page, `quota-${locale}`, true);

  // One tenant's pages: the demo mini-program with a live version, and the one whose audit was rejected.
  const tenantLink = async (name: string) => {
    await page.goto(`${base}/tenants?q=${encodeURIComponent(name)}`);
    return page.getByRole("link", { name }).first().getAttribute("href");
  };
  const live = await tenantLink("鲜果时光");
  if (live) {
    for (const [tab, name] of [["", "tenant"], ["/code", "tenant-code"], ["/audit", "tenant-audit"], ["/release", "tenant-release"], ["/qrcode-jump", "tenant-qrcode-jump"], ["/history", "tenant-history"]] as const) {
      await page.goto(`${base}${live}${tab}`);
      await shoot(page, `${name}-${locale}`, true);
    }
  }
  const rejected = await tenantLink("书香阁书店");
  if (rejected) {
    await page.goto(`${base}${rejected}`);
    await shoot(page, `tenant-rejected-${locale}`, true);
  }

  // The simulated authorization page, opened the way a merchant would: with a fresh pre_auth_code.
  const state = (await (await page.request.get(`${base}/sandbox/control/state?limit=1`)).json()) as {
    platforms: { component_appid: string; component_appsecret: string; verify_ticket: string }[];
  };
  const platform = state.platforms[0];
  if (platform) {
    const api = `${base}/sandbox/wechat/cgi-bin/component`;
    const tokenAnswer = await page.request.post(`${api}/api_component_token`, {
      data: { component_appid: platform.component_appid, component_appsecret: platform.component_appsecret, component_verify_ticket: platform.verify_ticket },
    });
    const { component_access_token: token } = (await tokenAnswer.json()) as { component_access_token: string };
    const codeAnswer = await page.request.post(`${api}/api_create_preauthcode?component_access_token=${token}`, {
      data: { component_appid: platform.component_appid },
    });
    const { pre_auth_code: code } = (await codeAnswer.json()) as { pre_auth_code: string };
    const query = new URLSearchParams({ component_appid: platform.component_appid, pre_auth_code: code, redirect_uri: `${base}/`, auth_type: "2" });
    await page.goto(`${base}/sandbox/authorize?${query}`);
    await shoot(page, `authorize-${locale}`);
  }
  await context.close();
}
await browser.close();
