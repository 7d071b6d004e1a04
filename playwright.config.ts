import { defineConfig } from "@playwright/test";

/**
 * End-to-end tests in Debian's Chromium against a production build started by the launcher (`npm start`).
 * `npm test` (scripts/test.ts) builds, creates an empty database and passes it as E2E_DATABASE_URL.
 */
const port = Number(process.env.E2E_PORT || 3100);
const databaseUrl = process.env.E2E_DATABASE_URL;
if (!databaseUrl) {
  throw new Error("E2E_DATABASE_URL must name an empty database: run `npm test`, which creates one.");
}
export const DEMO_PASSWORD = process.env.E2E_DEMO_PASSWORD || "e2e-demo-password";

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 45_000,
  expect: { timeout: 10_000 },
  reporter: process.env.PW_REPORTER ? [[process.env.PW_REPORTER]] : [["list"]],
  use: {
    baseURL: `http://localhost:${port}`,
    locale: "en-US",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: {
    command: "npx tsx --conditions=react-server scripts/launch.ts start",
    url: `http://localhost:${port}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    // The launcher stops Next (and an embedded database it started) on SIGTERM.
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      DEMO_SEED: "1",
      SANDBOX: "1",
      DEMO_PASSWORD,
      APP_ENCRYPTION_KEY: process.env.E2E_APP_ENCRYPTION_KEY || "ZTJlLWVuY3J5cHRpb24ta2V5LTMyLWJ5dGVzLWxvbmc=",
      AUTH_SECRET: "e2e-auth-secret-e2e-auth-secret-e2e-auth",
      NEXT_TELEMETRY_DISABLED: "1",
      // Opens the sandbox control surface to e2e/sandbox.spec.ts (an admin session can use it too).
      SANDBOX_CONTROL_TOKEN: "e2e-sandbox-control-token-0123456789",
    },
  },
});
