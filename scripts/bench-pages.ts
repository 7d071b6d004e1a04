/**
 * `npm run bench:pages`: how much JavaScript (gzipped, as sent) each console page makes the browser load. Needs a
 * production build (`npm run build`). Starts the console (`launch.ts start`, demo data and sandbox on) on a free port
 * against a throw-away database, signs in as the demo admin in Chromium, opens every page and sums the encoded size
 * of its script responses (a fresh browser context per page: nothing cached). Goal: every page ≤ 250 KiB. The Code
 * tab is also measured after opening its code editor (loaded on demand), which is reported but not held to the budget.
 * Prints one line per page and, for reference, the framework's own share (a page with no console code: /login).
 *
 *   BENCH_PAGES="/,/tenants" npm run bench:pages     (a subset)
 */
import { spawn } from "node:child_process";
import { chromium, type Browser } from "@playwright/test";
import postgres from "postgres";
import { runOnThrowawayDatabase } from "./embedded-pg";
import { freePort } from "./free-port";

const BUDGET_KIB = 250;
const PASSWORD = "bench-pages-password";
const DEFAULT_PAGES = [
  "/login",
  "/",
  "/tenants",
  "/tenants/authorize",
  "/templates",
  "/fleet",
  "/fleet/qr-wall",
  "/jobs",
  "/jobs/new",
  "/quota",
  "/history",
  "/account",
  "/admin/operators",
  "/settings/accounts",
  "/sandbox",
];
/** The pages of one tenant (the first demo mini-program), `{tenant}` replaced by its id. */
const TENANT_PAGES = ["/tenants/{tenant}", "/tenants/{tenant}/code", "/tenants/{tenant}/code#editor", "/tenants/{tenant}/audit", "/tenants/{tenant}/release", "/tenants/{tenant}/qrcode-jump", "/tenants/{tenant}/history"];
/** `#editor`: the same page after the operator opened the code editor (loaded on demand), scripts counted in total. */
const EDITOR_MARK = "#editor";

async function waitFor(url: string, ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not answer in ${ms} ms`);
}

/** Encoded (gzip) bytes of every script the page loads, until the network is idle. */
async function scriptBytes(browser: Browser, base: string, path: string, cookies: Parameters<import("@playwright/test").BrowserContext["addCookies"]>[0]) {
  const context = await browser.newContext();
  await context.addCookies(cookies);
  const page = await context.newPage();
  const sizes: Promise<number>[] = [];
  page.on("requestfinished", (request) => {
    if (request.resourceType() !== "script") return;
    const size = request.sizes().then((s) => s.responseBodySize);
    sizes.push(size);
    // BENCH_DETAIL=1 lists every script, to see what a page pays for.
    if (process.env.BENCH_DETAIL) void size.then((n) => console.log(`    ${(n / 1024).toFixed(1).padStart(6)} KiB ${new URL(request.url()).pathname}`));
  });
  const withEditor = path.endsWith(EDITOR_MARK);
  await page.goto(base + path.replace(EDITOR_MARK, ""), { waitUntil: "networkidle" });
  if (withEditor) {
    await page.getByRole("button", { name: "Open the code editor" }).click();
    await page.locator(".cm-editor").waitFor();
    await page.waitForLoadState("networkidle");
  }
  const finalPath = new URL(page.url()).pathname;
  const bytes = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
  await context.close();
  return { bytes, finalPath };
}

runOnThrowawayDatabase("mpc_bench_pages", async (databaseUrl) => {
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const server = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/launch.ts", "start"], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      DEMO_SEED: "1",
      DEMO_PASSWORD: PASSWORD,
      SANDBOX: "1",
      APP_ENCRYPTION_KEY: process.env.APP_ENCRYPTION_KEY || "YmVuY2gtcGFnZXMtZW5jcnlwdGlvbi1rZXktMzJieXQ=",
      AUTH_SECRET: process.env.AUTH_SECRET || "bench-pages-auth-secret-bench-pages-auth",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
  try {
    await waitFor(`${base}/api/health`, 120_000);
    const login = await browser.newContext();
    const page = await login.newPage();
    await page.goto(`${base}/login`);
    await page.locator("#email").fill("admin@example.com");
    await page.locator("#password").fill(PASSWORD);
    await page.locator("form button[type=submit]").click();
    await page.waitForURL(`${base}/`);
    const cookies = await login.cookies();
    await login.close();

    const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    const [tenant] = await sql`select id from tenants order by nickname, id limit 1`;
    // A job for the job page (what it loads does not depend on the job's size).
    const [job] = await sql`
      insert into bulk_jobs (kind, params, selection, total, state, finished_at)
      values ('refresh_versions', ${sql.json({})}, ${sql.json({ tenantIds: [] })}, 0, 'finished', now()) returning id`;
    await sql.end();
    const all = [
      ...DEFAULT_PAGES,
      `/jobs/${job!.id as string}`,
      ...(tenant ? TENANT_PAGES.map((p) => p.replace("{tenant}", tenant.id as string)) : []),
    ];
    const pages = process.env.BENCH_PAGES ? process.env.BENCH_PAGES.split(",") : all;
    let ok = true;
    for (const path of pages) {
      const { bytes, finalPath } = await scriptBytes(browser, base, path, path === "/login" ? [] : cookies);
      const kib = bytes / 1024;
      // The editor is loaded on demand, on this one page: its figure is printed, not held to the page budget.
      const within = kib <= BUDGET_KIB || path.endsWith(EDITOR_MARK);
      ok &&= within;
      const note = finalPath !== path.replace(EDITOR_MARK, "") ? ` (ended at ${finalPath})` : path.endsWith(EDITOR_MARK) ? " (with the code editor open)" : "";
      console.log(`${path.replace(/[0-9a-f-]{36}/, "<id>").padEnd(30)} ${kib.toFixed(1).padStart(7)} KiB gzipped JS ${within ? "ok" : `OVER ${BUDGET_KIB}`}${note}`);
    }
    return ok;
  } finally {
    await browser.close();
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
  }
});
