import { DEMO, db, expect, test } from "./fixtures";

const CONTROL_TOKEN = "e2e-sandbox-control-token-0123456789";

/**
 * The whole push path over the wire: the sandbox's reviewer rejects an audit → the sandbox encrypts and pushes
 * weapp_audit_fail to the console's event URL → the ingress verifies, decrypts and stores it → the mini-programs
 * list shows the rejection and its reason.
 */
test("a rejected audit push shows its reason in the mini-programs list", async ({ page, signInAs, request }) => {
  const [tenant] = await db`
    select t.id, t.appid, t.nickname from tenants t
    join sandbox_authorizers s on s.appid = t.appid
    where t.status = 'authorized' and s.authorized
    order by t.nickname desc limit 1`;
  expect(tenant, "the demo data has an authorized mini-program").toBeTruthy();
  // A version under review in the emulator (as submit_audit would leave it).
  await db`
    insert into sandbox_audits (appid, status, user_version, user_desc, request)
    values (${tenant!.appid}, 2, '9.9.9', 'e2e', ${db.json({ body: {}, trial: { templateId: 1, userVersion: "9.9.9", userDesc: "e2e", committedAt: Date.now() } })})`;

  const reason = "1:账号信息不符合规范:<br>(1):e2e 审核拒绝原因<br>";
  const decided = await request.post("/sandbox/control/audit", {
    headers: { authorization: `Bearer ${CONTROL_TOKEN}` },
    data: { appid: tenant!.appid, result: "reject", reason, screenshot: "media1|media2" },
  });
  expect(decided.status()).toBe(200);

  // The sandbox's background delivers the push within a second or two; the console processes it after answering.
  await expect
    .poll(async () => (await db`select state, reason, screenshots from tenant_audits where tenant_id = ${tenant!.id}`)[0], { timeout: 20_000 })
    .toMatchObject({ state: "rejected", reason, screenshots: ["media1", "media2"] });
  // The event is marked processed once every consumer of the result (audit row, fleet snapshot, bulk-job waits) ran.
  await expect
    .poll(async () => (await db`select processed_at from inbound_events where authorizer_appid = ${tenant!.appid} and kind = 'weapp_audit_fail'`)[0]?.processed_at ?? null, { timeout: 10_000 })
    .not.toBeNull();
  const [event] = await db`select kind, processed_at, error from inbound_events where authorizer_appid = ${tenant!.appid} and kind = 'weapp_audit_fail'`;
  expect(event).toMatchObject({ error: null });

  await signInAs(DEMO.viewer);
  await page.goto(`/tenants?q=${encodeURIComponent(tenant!.nickname)}`);
  const row = page.getByRole("row").filter({ hasText: tenant!.nickname });
  await expect(row.getByText("Rejected")).toBeVisible();
  await expect(row.getByTestId("audit-reason")).toHaveText("1:账号信息不符合规范:\n(1):e2e 审核拒绝原因");
});
