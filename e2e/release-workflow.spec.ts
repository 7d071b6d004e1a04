import type { APIRequestContext, Page } from "@playwright/test";
import { decode } from "jpeg-js";
import jsQR from "jsqr";
import { DEMO, db, expect, test } from "./fixtures";

/**
 * The per-tenant release workflow, end to end in Chromium against the sandbox: template → ext_json (an error at its
 * line, then fixed) → commit → trial QR (decoded) → privacy scan → 61040 → declare → item_list (a 33-character title
 * refused) → submit → approved by the reviewer, seen without a reload → gray 10 % → 5 % refused → 50 % → cancel →
 * release → rollback (87012 the second time) → visit closed and opened.
 */
const CONTROL = { authorization: "Bearer e2e-sandbox-control-token-0123456789" };
const control = async (request: APIRequestContext, path: string, body: unknown) => {
  const res = await request.post(`/sandbox/control/${path}`, { headers: CONTROL, data: body });
  expect(res.status(), `${path}: ${await res.text()}`).toBe(200);
  return res.json();
};

const tab = (page: Page, name: string) =>
  page.getByRole("navigation", { name: "Sections of this mini-program" }).getByRole("link", { name, exact: true }).click();

async function setExtJson(page: Page, text: string) {
  const editor = page.getByRole("textbox", { name: "ext_json" });
  await expect(editor).toBeVisible();
  await editor.fill(text);
}

async function commit(page: Page, version: string, extJson: string) {
  await setExtJson(page, extJson);
  await expect(page.getByText("No problems found.")).toBeVisible();
  await page.getByLabel("Version (user_version)").fill(version);
  await page.getByLabel("Description (user_desc)").fill(`e2e ${version}`);
  await page.getByRole("button", { name: "Commit", exact: true }).click();
  await expect(page.getByText(`${version} uploaded as the trial version.`)).toBeVisible();
}

/** One item: the tenant's first category path and first page, with a title. */
async function fillItem(page: Page, title: string) {
  const first = page.getByLabel("First-level category").first();
  await first.selectOption({ index: 1 });
  const second = page.getByLabel("Second-level category").first();
  await expect(second).toBeEnabled();
  await second.selectOption({ index: 1 });
  const third = page.getByLabel("Third-level category").first();
  if (await third.isEnabled()) await third.selectOption({ index: 1 });
  await page.getByLabel("Page", { exact: true }).first().selectOption({ index: 1 });
  await page.getByLabel("Tags").first().fill("水果 生鲜");
  await page.getByLabel(/^Title/).first().fill(title);
}

const LOCATION_EXT_JSON = (declared: boolean) =>
  JSON.stringify({ extAppid: "{{appid}}", ext: { name: "{{nickname}}" }, ...(declared ? { requiredPrivateInfos: ["getLocation", "chooseLocation"] } : {}) }, null, 2);

test("one mini-program from a template to release, gray, rollback and visit", async ({ page, signInAs, request }) => {
  test.setTimeout(240_000);
  await control(request, "settings", { privacyScanMs: 1500 });
  const [tenant] = await db`select id, appid from tenants where nickname = '鲜果时光'`;
  const { id, appid } = tenant as { id: string; appid: string };
  await signInAs(DEMO.operator);

  // The templates page syncs the platform's library into the console.
  await page.goto("/templates");
  const synced = async () => (await db`select template_id from templates where user_version = '2.0.0'`)[0]?.template_id as number | undefined;
  await expect.poll(synced, { timeout: 20_000 }).toBeTruthy();
  await page.reload();
  await expect(page.getByRole("table").getByText("2.0.0").first()).toBeVisible();
  const template = { template_id: (await synced())! };

  // Code: pick the template, type an invalid ext_json, see the error at its line, fix it, commit.
  await page.goto(`/tenants/${id}/code`);
  await page.getByLabel("Template", { exact: true }).selectOption(String(template!.template_id));
  // The code editor loads on demand; the same checks mark the error in the text and list it with its line.
  await page.getByRole("button", { name: "Open the code editor" }).click();
  await setExtJson(page, '{\n  "extAppid": "{{appid}}",\n  "ext": {},\n  "windoww": {}\n}');
  await expect(page.getByTestId("ext-json-issues")).toContainText('Line 4, column 3: "windoww" is not a key ext_json accepts.');
  await expect(page.locator(".cm-lintRange-error").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Commit", exact: true })).toBeDisabled();
  await commit(page, "3.0.0-e2e", LOCATION_EXT_JSON(false));
  const [row] = await db`select ext_json, ok from commits where tenant_id = ${id} order by id desc limit 1`;
  expect(row).toMatchObject({ ok: true });
  expect(JSON.parse(row!.ext_json as string)).toMatchObject({ extAppid: appid });

  // The trial QR code: an image on the page; decoded, it names the appid and the chosen page.
  const qrPage = page.getByLabel("Page", { exact: true });
  await qrPage.selectOption({ index: 1 });
  const chosen = await qrPage.inputValue();
  const answer = page.waitForResponse((res) => res.url().includes(`/tenants/${id}/qr`));
  await page.getByRole("button", { name: "Show QR code" }).click();
  const shownUrl = (await answer).url();
  // The browser's copy went into a blob URL; the same signed-in route gives the bytes to decode (from its cache).
  const fetched = await page.request.get(shownUrl);
  expect(fetched.headers()["content-type"]).toBe("image/jpeg");
  const image = await fetched.body();
  await expect(page.getByTestId("trial-qr")).toBeVisible();
  const { width, height, data } = decode(image, { useTArray: true });
  const text = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), width, height)?.data ?? "";
  expect(decodeURIComponent(text)).toContain(appid);
  expect(decodeURIComponent(text)).toContain(chosen);

  // Audit: the scan runs, then lists the undeclared location APIs; submitting anyway is refused with 61040.
  await tab(page, "Audit");
  await expect(page.getByText("APIs used but not declared in ext_json requiredPrivateInfos:")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText("getLocation").first()).toBeVisible();
  await fillItem(page, "鲜".repeat(33));
  await expect(page.getByText("At most 32 characters.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Submit for review" })).toBeDisabled();
  await page.getByLabel(/^Title/).first().fill("鲜果时光首页");
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByText(/61040 — /).first()).toBeVisible();

  // Declare the APIs, commit again, wait for a clean scan, submit.
  await tab(page, "Code");
  await commit(page, "3.0.1-e2e", LOCATION_EXT_JSON(true));
  await tab(page, "Audit");
  await expect(page.getByText("Privacy scan done: every privacy API used is permitted and configured.")).toBeVisible({ timeout: 20_000 });
  await fillItem(page, "鲜果时光首页");
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByText(/Submitted for review \(audit \d+\)\./)).toBeVisible();
  await expect(page.getByText("Under review").first()).toBeVisible();

  // The reviewer approves (sandbox control → encrypted push): the card says so without a reload.
  await control(request, "audit", { appid, result: "approve" });
  await expect(page.getByText("Approved").first()).toBeVisible({ timeout: 30_000 });

  // Gray 10 %, 5 % refused, 50 %, cancel.
  await tab(page, "Release");
  const share = page.getByLabel("Share of users, as a number");
  const grayTo = async (percentage: number) => {
    await share.fill(String(percentage));
    await page.getByRole("button", { name: `Roll out to ${percentage}%` }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: `Roll out to ${percentage}%` }).click();
    await expect(page.getByText(`Rolling out to ${percentage}% of users.`)).toBeVisible();
  };
  await grayTo(10);
  await share.fill("5");
  await expect(page.getByText("The plan is at 10%: choose more than that.")).toBeVisible();
  await expect(share).toHaveAttribute("aria-invalid", "true");
  await grayTo(50);
  await page.getByRole("button", { name: "Cancel the roll-out" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Cancel the roll-out" }).click();
  await expect(page.getByText("Roll-out cancelled.")).toBeVisible();

  // Release, then roll back; a second rollback is refused with 87012's meaning.
  await page.getByRole("button", { name: "Release", exact: true }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Release", exact: true }).click();
  await expect(page.getByText("Released.")).toBeVisible();
  const rollback = async () => {
    await page.getByRole("button", { name: "Roll back", exact: true }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Roll back", exact: true }).click();
  };
  await rollback();
  await expect(page.getByText("Rolled back.")).toBeVisible();
  await rollback();
  await expect(page.getByText(/87012 — /).first()).toBeVisible();

  // Visit: close, then open again, each confirmed.
  await page.getByRole("button", { name: "Close to users" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Close to users" }).click();
  await expect(page.getByText("Closed: users cannot open the mini-program.")).toBeVisible();
  await page.getByRole("button", { name: "Open to users" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Open to users" }).click();
  await expect(page.getByText("Users can find and open the mini-program.")).toBeVisible();
});

test("a rejected audit shows its reason and the reviewer's screenshots", async ({ page, signInAs }) => {
  const [tenant] = await db`select id from tenants where nickname = '书香阁书店'`;
  await signInAs(DEMO.viewer);
  await page.goto(`/tenants/${tenant!.id}`);
  await expect(page.getByText("Rejected").first()).toBeVisible();
  await expect(page.getByText(/敬请期待/).first()).toBeVisible();
  const shots = page.getByRole("img", { name: /Screenshot/ });
  await expect(shots).toHaveCount(2);
  for (const img of await shots.all()) {
    await img.scrollIntoViewIfNeeded();
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  }
});
