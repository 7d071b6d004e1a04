import { createCipheriv, randomBytes } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { DEMO, db, expect, signedInPage, test } from "./fixtures";

/**
 * A roll-out to many mini-programs in a few actions: 20 sandbox mini-programs tagged for this test, selected on the
 * list, one pipeline (commit → privacy scan → submit → audit approved by the sandbox → release), watched to 100 %,
 * then seen on the fleet board. Setup (the mini-programs, an audit profile, the sandbox's automatic approval) is
 * written directly; what the operator does is counted: 7 actions here (filter, tick the page, Actions, Pipeline,
 * template, Check, Start), 8 for 500 mini-programs (one more: "Select all 500 matching", the list shows 50 a page;
 * the second test walks that path on 60), 9 when the month's audit quota is short ("submit for the first N").
 */

const CONTROL = { authorization: "Bearer e2e-sandbox-control-token-0123456789" };
const ENCRYPTION_KEY = process.env.E2E_APP_ENCRYPTION_KEY || "ZTJlLWVuY3J5cHRpb24ta2V5LTMyLWJ5dGVzLWxvbmc=";
const COUNT = 20;

const control = async (request: APIRequestContext, path: string, body: unknown) => {
  const res = await request.post(`/sandbox/control/${path}`, { headers: CONTROL, data: body });
  expect(res.status(), `${path}: ${await res.text()}`).toBe(200);
  return res.json();
};

/** The console's at-rest format (lib/crypto): "v1:" + base64(iv | tag | ciphertext), AES-256-GCM. */
function encrypt(plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", Buffer.from(ENCRYPTION_KEY, "base64"), iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64")}`;
}

/** `COUNT` new sandbox mini-programs, stored in the console as onboarding would leave them, under one new tag. */
async function onboardMany(request: APIRequestContext, tag: string, count = COUNT) {
  const [account] = await db`select id, app_id from platform_accounts where api_base like '%/sandbox/wechat' order by created_at limit 1`;
  expect(account, "the demo seeds a sandbox platform account").toBeTruthy();
  const before = (await db`select appid from sandbox_authorizers where component_appid = ${account!.app_id}`).map((r) => r.appid as string);
  await control(request, "seed", { authorizers: count, component_appid: account!.app_id });
  const fresh = await db`
    select appid, nickname, principal_name, user_name, refresh_token, func_info from sandbox_authorizers
    where component_appid = ${account!.app_id} and not (appid = any(${before}))`;
  expect(fresh).toHaveLength(count);
  for (const a of fresh) {
    await db`
      insert into tenants (account_id, appid, nickname, principal_name, user_name, refresh_token_enc, permission_sets, tags, authorized_at)
      values (${account!.id}, ${a.appid}, ${`${tag} ${a.nickname}`}, ${a.principal_name}, ${a.user_name}, ${encrypt(a.refresh_token as string)},
              ${a.func_info as number[]}, ${[tag]}, now())`;
  }
  return { accountId: account!.id as string, componentAppid: account!.app_id as string, appids: fresh.map((a) => a.appid as string) };
}

/** The verify ticket the component token needs (pushed by the sandbox, as onboarding.spec.ts does). */
async function ensureTicket(request: APIRequestContext, account: { accountId: string; componentAppid: string }) {
  const [row] = await db`select verify_ticket_at from platform_accounts where id = ${account.accountId}`;
  if (row!.verify_ticket_at) return;
  await control(request, "push-ticket", { component_appid: account.componentAppid });
  await control(request, "deliver", {});
  await expect.poll(async () => (await db`select verify_ticket_at from platform_accounts where id = ${account.accountId}`)[0]!.verify_ticket_at, { timeout: 15_000 }).not.toBeNull();
}

/** The seeded mini-programs' category (工具 › 效率) on the home page: a profile every one of them maps. */
async function auditProfile(name: string) {
  const items = [{ page: "pages/index/index", category: { first: { id: 287, name: "工具" }, second: { id: 616, name: "效率" }, third: null }, tags: "效率 工具", title: "首页" }];
  await db`insert into audit_profiles (name, item_list, options) values (${name}, ${db.json(items)}, ${db.json({ versionDesc: "批量上线", orderPath: "", ugc: null })})`;
}

// The emulator's settings are shared by every spec on this server: put back what the roll-out changed.
test.afterEach(async ({ request }) => {
  await control(request, "settings", { privacyScanMs: 3000, autoDecide: { mode: "off", afterMs: 5000 } });
});

test("an operator rolls a template out to 20 mini-programs with one pipeline", async ({ page, signInAs, request }) => {
  test.setTimeout(300_000);
  const tag = `批量${randomBytes(3).toString("hex")}`;
  const account = await onboardMany(request, tag);
  await ensureTicket(request, account);
  await auditProfile(`${tag} 首页`);
  await control(request, "settings", { privacyScanMs: 500, autoDecide: { mode: "approve", afterMs: 500 } });
  // The platform's monthly audit quota (20 by default, some spent by the demo) covers the whole roll-out.
  await control(request, "quota", { component_appid: account.componentAppid, audit_limit: 10_000 });

  await signInAs(DEMO.operator);
  // The templates page syncs the platform's library (setup, as in release-workflow.spec.ts).
  await page.goto("/templates");
  const templateOf = async (version: string) => (await db`select template_id from templates where account_id = ${account.accountId} and user_version = ${version}`)[0]?.template_id as number | undefined;
  await expect.poll(() => templateOf("1.3.0"), { timeout: 20_000 }).toBeTruthy();
  const templateId = (await templateOf("1.3.0"))!;

  let actions = 0;
  const act = async <T>(work: () => Promise<T>) => {
    actions += 1;
    return work();
  };

  // 1. The list filtered by the tag; 2. every mini-program on the page.
  await act(() => page.goto(`/tenants?tag=${encodeURIComponent(tag)}`));
  await expect(page.getByTestId("tenant-count")).toHaveText(`${COUNT} mini-programs`);
  await act(() => page.getByRole("checkbox", { name: "Select every mini-program on this page" }).check());
  await expect(page.getByTestId("selection-count")).toHaveText(`${COUNT} selected`);
  // Everything matching is on this page: no "Select all … matching" to offer.
  await expect(page.getByTestId("select-all-matching")).toHaveCount(0);

  // 3–4. Actions › Pipeline opens the wizard with the 20 picked.
  await act(() => page.getByRole("button", { name: "Actions" }).click());
  await act(() => page.getByRole("menuitem", { name: "Pipeline" }).click());
  await expect(page).toHaveURL(/\/jobs\/new\?kind=pipeline&ids=/);
  await expect(page.getByTestId("selection-size")).toHaveAttribute("data-count", String(COUNT));

  // 5. The template (the profile is preselected when it is the only one; releasing after approval is the default).
  await act(() => page.getByLabel("Template", { exact: true }).selectOption(String(templateId)));
  const profile = page.getByLabel("Audit profile");
  if ((await profile.locator("option:checked").textContent()) !== `${tag} 首页`) await act(() => profile.selectOption({ label: `${tag} 首页` }));
  await expect(page.getByRole("radio", { name: "Release" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: /Wait for the audit result/ })).toBeChecked();

  // 6. Check: every one eligible, ext_json rendered for three, the audit quota forecast.
  await act(() => page.getByRole("button", { name: "Check" }).click());
  await expect(page.getByTestId("preflight-summary")).toHaveText(`${COUNT} of ${COUNT} can take part.`, { timeout: 30_000 });
  await expect(page.getByTestId("ext-json-sample")).toHaveCount(3);
  await expect(page.getByTestId("ext-json-sample").first()).toContainText('"extAppid": "wx');
  await expect(page.getByTestId("quota-forecast")).toContainText("Needed by this job");
  await expect(page.getByTestId("quota-choice")).toHaveCount(0);

  // 7. Start → the job's page, live, to 100 %.
  await act(() => page.getByTestId("start-job").click());
  await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/, { timeout: 15_000 });
  const jobId = page.url().split("/").at(-1)!;
  await expect(page.getByRole("heading", { name: "Pipeline job", level: 1 })).toBeVisible();
  const progress = page.getByRole("progressbar", { name: "Progress of the job" });
  await expect(progress).toHaveAttribute("aria-valuenow", "100", { timeout: 240_000 });
  await expect(page.getByTestId("job-state")).toHaveText("Finished");
  await expect(page.getByTestId("count-done")).toContainText(`Done: ${COUNT}`);
  await expect(page.getByTestId("count-failed")).toContainText("Failed: 0");
  await expect(page.getByText(/The Pipeline job has ended: 20 done, 0 failed\./)).toBeVisible();
  expect(actions, "operator actions for the roll-out").toBeLessThanOrEqual(7);

  // What the database and the platform hold now: every tenant released the template.
  const items = await db`select state, count(*)::int as n from bulk_items where job_id = ${jobId} group by state`;
  expect(items).toEqual([{ state: "done", n: COUNT }]);
  const snapshots = await db`
    select s.trial_template_id, s.live_template_id from tenant_snapshots s join tenants t on t.id = s.tenant_id where ${tag} = any(t.tags)`;
  expect(snapshots).toHaveLength(COUNT);
  expect(snapshots.every((s) => s.trial_template_id === templateId && s.live_template_id === templateId)).toBe(true);
  for (const appid of account.appids.slice(0, 3)) {
    const [a] = await db`select state from sandbox_authorizers where appid = ${appid}`;
    expect((a!.state as { online?: { userVersion?: string } }).online?.userVersion).toBe("1.3.0");
  }

  // The jobs list names it; the CSV has a line per mini-program.
  await page.goto("/jobs");
  await expect(page.getByTestId(`job-${jobId}`)).toContainText("Pipeline");
  await expect(page.getByTestId(`job-${jobId}`)).toContainText("Finished");
  const csv = await page.request.get(`/jobs/${jobId}/csv`);
  expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect((await csv.text()).trimEnd().split("\n")).toHaveLength(COUNT + 1);

  // The fleet board shows the new version on these mini-programs.
  await page.goto(`/fleet?tag=${encodeURIComponent(tag)}`);
  await expect(page.getByTestId("fleet-summary")).toContainText(`${COUNT} on template ${templateId} (1.3.0)`);
  await expect(page.getByTestId("fleet-table").locator("tbody tr")).toHaveCount(COUNT);
  for (const appid of account.appids) {
    // Cells after the row's header: trial, review, live, gray, last read.
    const cells = page.getByTestId(`fleet-${appid}`).getByRole("cell");
    await expect(cells.nth(0)).toContainText("1.3.0");
    await expect(cells.nth(2)).toContainText(new RegExp(`^1\\.3\\.0\\s*template ${templateId} \\(1\\.3\\.0\\)$`));
  }

  // Unfiltered, the board's "Refresh version info" opens the wizard on the whole fleet (it once named no selection).
  await page.goto("/fleet");
  const fleetSize = (await page.getByTestId("fleet-count").textContent())!.match(/\d+/)![0];
  await page.getByTestId("fleet-refresh").click();
  await expect(page).toHaveURL(/\/jobs\/new\?kind=refresh_versions&all=1$/);
  await expect(page.getByTestId("selection-size")).toHaveAttribute("data-count", fleetSize);
  // Run it: WeChat's version info names no template, yet the board keeps the ones it learnt.
  await page.getByRole("button", { name: "Check" }).click();
  await expect(page.getByTestId("preflight-summary")).toContainText(`of ${fleetSize} can take part.`, { timeout: 30_000 });
  await page.getByTestId("start-job").click();
  await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/, { timeout: 15_000 });
  await expect(page.getByTestId("job-state")).toHaveText("Finished", { timeout: 60_000 });
  await page.goto(`/fleet?tag=${encodeURIComponent(tag)}`);
  await expect(page.getByTestId("fleet-summary")).toContainText(`${COUNT} on template ${templateId} (1.3.0)`);
  await expect(page.getByTestId(`fleet-${account.appids[0]}`).getByRole("cell").nth(2)).toContainText(`template ${templateId} (1.3.0)`);
});

test("more than a page: 'Select all N matching' carries the filter to the wizard, whose check covers every one", async ({ page, signInAs, request }) => {
  test.setTimeout(120_000);
  const many = 60; // the list shows 50 a page
  const tag = `整批${randomBytes(3).toString("hex")}`;
  const account = await onboardMany(request, tag, many);
  await ensureTicket(request, account);
  await auditProfile(`${tag} 首页`);
  await control(request, "quota", { component_appid: account.componentAppid, audit_limit: 10_000 });

  await signInAs(DEMO.operator);
  await page.goto(`/tenants?tag=${encodeURIComponent(tag)}`);
  await expect(page.getByTestId("tenant-count")).toHaveText(`${many} mini-programs`);
  await page.getByRole("checkbox", { name: "Select every mini-program on this page" }).check();
  await expect(page.getByTestId("selection-count")).toHaveText("50 selected");
  await page.getByTestId("select-all-matching").click();
  await expect(page.getByTestId("selection-count")).toHaveText(`All ${many} matching mini-programs selected`);
  await page.getByRole("button", { name: "Actions" }).click();
  await page.getByRole("menuitem", { name: "Pipeline" }).click();
  await expect(page).toHaveURL(new RegExp(`/jobs/new\\?kind=pipeline&tag=[^&]+&all=1$`));
  await expect(page.getByTestId("selection-size")).toHaveAttribute("data-count", String(many));
  await expect(page.getByTestId("wizard-selection")).toContainText(`Tag: ${tag}`);
  await page.getByLabel("Audit profile").selectOption({ label: `${tag} 首页` });
  await page.getByRole("button", { name: "Check" }).click();
  await expect(page.getByTestId("preflight-summary")).toHaveText(`${many} of ${many} can take part.`, { timeout: 60_000 });
  await expect(page.getByTestId("start-job")).toBeEnabled();
});

/**
 * A paused job with a failed item, written directly: for an operator its page offers Resume, Retry failed and the
 * CSV (checked first, so the viewer's "no control" below is not vacuous); a viewer sees the same progress, only the CSV.
 */
async function pausedJob() {
  const [tenant] = await db`select id, account_id from tenants order by created_at limit 1`;
  const [operator] = await db`select id from operators where email = ${DEMO.operator}`;
  const [job] = await db`
    insert into bulk_jobs (kind, params, state, paused_reason, selection, total, created_by)
    values ('release', ${db.json({})}, 'paused', 'operator', ${db.json({ tenantIds: [tenant!.id] })}, 1, ${operator!.id})
    returning id`;
  await db`
    insert into bulk_items (job_id, tenant_id, account_id, position, state, step, last_code, last_message)
    values (${job!.id}, ${tenant!.id}, ${tenant!.account_id}, 0, 'failed', 'release', 85052, 'app is already released')`;
  return job!.id as string;
}

test("a viewer sees a job's progress but no control, and cannot open the wizard", async ({ page, signInAs, browser }) => {
  const jobId = await pausedJob();
  const controls = /^(Pause|Resume|Cancel job|Retry failed)$/;
  const operator = await signedInPage(browser, DEMO.operator);
  await operator.page.goto(`/jobs/${jobId}`);
  await expect(operator.page.getByRole("button", { name: "Resume" })).toBeVisible();
  await expect(operator.page.getByRole("button", { name: "Retry failed" })).toBeVisible();
  await operator.context.close();

  await signInAs(DEMO.viewer);
  await page.goto("/jobs");
  await expect(page.getByRole("heading", { name: "Bulk jobs", level: 1 })).toBeVisible();
  await page.getByTestId(`job-${jobId}`).getByRole("link", { name: /^Open the .+ job started / }).click();
  await expect(page).toHaveURL(new RegExp(`/jobs/${jobId}$`));
  await expect(page.getByRole("progressbar", { name: "Progress of the job" })).toHaveAttribute("aria-valuenow", "100");
  await expect(page.getByTestId("job-state")).toHaveText("Paused");
  await expect(page.getByTestId("count-failed")).toContainText("Failed: 1");
  await expect(page.getByRole("link", { name: "Download CSV" })).toBeVisible();
  await expect(page.getByRole("button", { name: controls })).toHaveCount(0);

  await page.goto("/jobs/new?kind=release&all=1");
  await expect(page).toHaveURL(/\/forbidden/);
  await page.goto("/tenants");
  await page.getByRole("checkbox", { name: "Select every mini-program on this page" }).check();
  await page.getByRole("button", { name: "Actions" }).click();
  await expect(page.getByRole("menuitem", { name: "Pipeline" })).toHaveCount(0);
  await expect(page.getByRole("menuitem", { name: "QR wall" })).toBeVisible();
});
