import type { APIRequestContext, Page } from "@playwright/test";
import { DEMO, db, expect, test } from "./fixtures";

/**
 * QR-jump rules on one tenant in Chromium: add (a test link the platform would refuse is refused in the form) → edit →
 * publish refused before a release (85074) → release → publish → delete; and the platform's own refusals of a host:
 * 85070 (blacklisted), 85076 (no ICP filing), 85069 (verification file missing), each with its meaning.
 */
const CONTROL = { authorization: "Bearer e2e-sandbox-control-token-0123456789" };
const control = async (request: APIRequestContext, path: string, body: unknown) => {
  const res = await request.post(`/sandbox/control/${path}`, { headers: CONTROL, data: body });
  expect(res.status(), `${path}: ${await res.text()}`).toBe(200);
};

const tab = (page: Page, name: string) =>
  page.getByRole("navigation", { name: "Sections of this mini-program" }).getByRole("link", { name, exact: true }).click();

async function addRule(page: Page, prefix: string, debugUrl?: string) {
  const form = page.getByRole("form", { name: "Add a rule" });
  await form.getByLabel("Prefix (http:// or https:// link)").fill(prefix);
  if (debugUrl !== undefined) await form.getByLabel(/^Test links/).fill(debugUrl);
  await form.getByRole("button", { name: "Add rule" }).click();
  return form;
}

const row = (page: Page, prefix: string) => page.getByRole("row").filter({ hasText: prefix });

test("QR-jump rules: add, edit, publish only after a release, delete; the platform's host refusals explained", async ({ page, signInAs, request }) => {
  test.setTimeout(120_000);
  await control(request, "settings", { qrJump: { blacklistedHosts: ["blocked.example.com"], unfiledHosts: ["unfiled.example.com"], hostsWithoutFile: ["nofile.example.com"] } });
  // A mini-program with an approved audit and nothing released yet.
  const [tenant] = await db`select id from tenants where nickname = '云栖民宿'`;
  await signInAs(DEMO.operator);
  await page.goto(`/tenants/${tenant!.id}/qrcode-jump`);
  await expect(page.getByText("publishing a rule is refused (85074)", { exact: false })).toBeVisible();

  // A test link outside the rule is refused next to the field, before anything is sent.
  const prefix = "https://shop.e2e-qr.example.com/qr/";
  const form = await addRule(page, prefix, "https://shop.e2e-qr.example.com/other/1");
  await expect(form.getByText(/does not match the rule .* \(85068\)/)).toBeVisible();
  expect((await db`select count(*)::int as n from operations where action = 'wxa.qrcodejumpadd'`)[0]!.n).toBe(0);
  await form.getByLabel(/^Test links/).fill(`${prefix}1?from=e2e`);
  await form.getByRole("button", { name: "Add rule" }).click();
  await expect(page.getByText(`Rule ${prefix} saved.`)).toBeVisible();
  await expect(row(page, prefix)).toContainText("Unpublished");

  // Edit the scope of the unpublished rule.
  await row(page, prefix).getByRole("button", { name: "Edit" }).click();
  const edit = page.getByRole("form", { name: `Edit the rule ${prefix}` });
  await edit.getByLabel("Test scope").selectOption({ index: 1 });
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText(`Rule ${prefix} saved.`).first()).toBeVisible();

  // Publishing before a release is refused with 85074's meaning.
  await row(page, prefix).getByRole("button", { name: "Publish" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText(/85074 — /).first()).toBeVisible();

  // Release the approved version, then publishing works.
  await tab(page, "Release");
  await page.getByRole("button", { name: "Release", exact: true }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Release", exact: true }).click();
  await expect(page.getByText("Released.")).toBeVisible();
  await tab(page, "QR-code jump");
  await row(page, prefix).getByRole("button", { name: "Publish" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText(`Rule ${prefix} published.`)).toBeVisible();
  await expect(row(page, prefix)).toContainText("Published");
  await expect(row(page, prefix).getByRole("button", { name: "Edit" })).toBeDisabled();

  // The platform's refusals of a host, each explained.
  await addRule(page, "https://blocked.example.com/qr/");
  await expect(page.getByText(/85070 — /).first()).toBeVisible();
  await addRule(page, "https://unfiled.example.com/qr/");
  await expect(page.getByText(/85076 — /).first()).toBeVisible();
  const noFile = "https://nofile.example.com/qr/";
  await addRule(page, noFile);
  await expect(page.getByText(`Rule ${noFile} saved.`)).toBeVisible();
  await row(page, noFile).getByRole("button", { name: "Publish" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText(/85069 — /).first()).toBeVisible();

  // Delete, confirmed.
  await row(page, prefix).getByRole("button", { name: "Delete" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click();
  await expect(page.getByText(`Rule ${prefix} deleted.`)).toBeVisible();
  await expect(row(page, prefix)).toHaveCount(0);
});
