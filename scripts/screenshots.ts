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

async function shoot(page: Page, name: string) {
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: path.join(out, `${name}.png`) });
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
  await context.close();
}
await browser.close();
