import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { decideAudit, runAutoDecide } from "./audit-decision";
import { getAuthorizer } from "./registry";
import { sandboxAudits, sandboxPushes } from "./schema";
import { DEFAULT_SETTINGS, updateSettings } from "./settings";
import { sandboxHarness } from "@/scripts/vitest/sandbox";
import { auditRow, authorizerWithTrial, submit } from "@/scripts/vitest/audit-fixtures";

const sandbox = sandboxHarness();

async function auditing() {
  const { authorizer, token } = await authorizerWithTrial(sandbox);
  const auditid = (await submit(sandbox, token)).body.auditid as number;
  return { authorizer, token, auditid };
}

const pushesFor = (componentAppid: string) =>
  db.select().from(sandboxPushes).where(eq(sandboxPushes.componentAppid, componentAppid)).orderBy(sandboxPushes.id);

/** Pushes of audit events only (a platform also gets its verify ticket pushes). */
const auditPushes = async (componentAppid: string) => (await pushesFor(componentAppid)).filter((p) => p.kind.startsWith("weapp_audit_"));

describe("decideAudit", () => {
  it("approves: status 0, the version becomes releasable, weapp_audit_success is pushed to the authorizer's event URL", async () => {
    const { authorizer, auditid } = await auditing();
    expect(await decideAudit(authorizer.appid, { result: "approve" })).toEqual({ auditid, status: 0 });
    const row = await auditRow(auditid);
    expect(row).toMatchObject({ status: 0, reason: null, screenshot: null });
    expect(row.decidedAt).toBeInstanceOf(Date);
    expect((await getAuthorizer(authorizer.appid))!.state.releasableAuditId).toBe(auditid);

    const [push] = await auditPushes(authorizer.componentAppid);
    expect(push).toMatchObject({ kind: "weapp_audit_success", status: "pending" });
    expect(push!.url).toContain(`/api/wechat/${authorizer.componentAppid}/events/${authorizer.appid}?`);
    expect(push!.plaintext).toContain(`<ToUserName><![CDATA[${authorizer.userName}]]></ToUserName>`);
    expect(push!.plaintext).toContain("<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[weapp_audit_success]]></Event>");
    expect(push!.plaintext).toMatch(/<SuccTime>\d{10}<\/SuccTime>/);
    expect(push!.plaintext).not.toContain("<Reason>");
  });

  it("rejects with a reason and |-joined screenshot media ids, pushed as Reason/FailTime/ScreenShot", async () => {
    const { authorizer, token, auditid } = await auditing();
    await decideAudit(authorizer.appid, { result: "reject", reason: "1:账号信息不符合规范:<br>", screenshot: "m1| m2||m3" });
    expect(await auditRow(auditid)).toMatchObject({ status: 1, reason: "1:账号信息不符合规范:<br>", screenshot: "m1|m2|m3" });
    expect((await getAuthorizer(authorizer.appid))!.state.releasableAuditId).toBeUndefined();
    const status = await sandbox.call("/wxa/get_auditstatus", { token, body: { auditid } });
    expect(status.body).toMatchObject({ status: 1, reason: "1:账号信息不符合规范:<br>", screenshot: "m1|m2|m3" });

    const [push] = await auditPushes(authorizer.componentAppid);
    expect(push!.kind).toBe("weapp_audit_fail");
    expect(push!.plaintext).toContain("<Event><![CDATA[weapp_audit_fail]]></Event>");
    expect(push!.plaintext).toContain("<Reason><![CDATA[1:账号信息不符合规范:<br>]]></Reason>");
    expect(push!.plaintext).toContain("<ScreenShot><![CDATA[m1|m2|m3]]></ScreenShot>");
    expect(push!.plaintext).toMatch(/<FailTime>\d{10}<\/FailTime>/);
  });

  it("delays (status 4, Reason/DelayTime), and a delayed audit is decided later", async () => {
    const { authorizer, auditid } = await auditing();
    await decideAudit(authorizer.appid, { result: "delay" });
    const delayed = await auditRow(auditid);
    expect(delayed.status).toBe(4);
    expect(delayed.reason).toBeTruthy();
    await decideAudit(authorizer.appid, { result: "approve" });
    expect((await auditRow(auditid)).status).toBe(0);

    const pushes = await auditPushes(authorizer.componentAppid);
    expect(pushes.map((p) => p.kind)).toEqual(["weapp_audit_delay", "weapp_audit_success"]);
    expect(pushes[0]!.plaintext).toContain(`<Reason><![CDATA[${delayed.reason}]]></Reason>`);
    expect(pushes[0]!.plaintext).toMatch(/<DelayTime>\d{10}<\/DelayTime>/);
  });

  it("throws a clear error when nothing is under review, and pushes nothing", async () => {
    const { authorizer, token } = await authorizerWithTrial(sandbox);
    await expect(decideAudit(authorizer.appid, { result: "approve" })).rejects.toThrow(/no audit under review/);
    await submit(sandbox, token);
    await sandbox.call("/wxa/undocodeaudit", { token, method: "GET" });
    await expect(decideAudit(authorizer.appid, { result: "reject" })).rejects.toThrow(/no audit under review/);
    await expect(decideAudit("wx_unknown_appid", { result: "approve" })).rejects.toThrow(/not found/);
    expect(await auditPushes(authorizer.componentAppid)).toEqual([]);
  });
});

describe("runAutoDecide", () => {
  // runAutoDecide sees every audit of the database: withdraw what earlier tests left auditing.
  beforeEach(() => db.update(sandboxAudits).set({ status: 3 }).where(eq(sandboxAudits.status, 2)));
  afterEach(() => updateSettings({ autoDecide: DEFAULT_SETTINGS.autoDecide }));

  const age = (auditid: number, ms: number) =>
    db.update(sandboxAudits).set({ submitTime: new Date(Date.now() - ms) }).where(eq(sandboxAudits.auditid, auditid));

  it("does nothing while the mode is off", async () => {
    const { auditid } = await auditing();
    await age(auditid, 3_600_000);
    expect(await runAutoDecide()).toBe(0);
    expect((await auditRow(auditid)).status).toBe(2);
  });

  it("decides audits older than afterMs exactly once, with the configured outcome and reason", async () => {
    await updateSettings({ autoDecide: { mode: "reject", afterMs: 5_000, reason: "auto: rejected" } });
    const old = await auditing();
    const young = await auditing();
    await age(old.auditid, 10_000);
    await age(young.auditid, 1_000);

    expect(await runAutoDecide()).toBe(1);
    expect(await auditRow(old.auditid)).toMatchObject({ status: 1, reason: "auto: rejected" });
    expect((await auditRow(young.auditid)).status).toBe(2);
    expect(await runAutoDecide()).toBe(0);
    const pushes = await auditPushes(old.authorizer.componentAppid);
    expect(pushes.map((p) => p.kind)).toEqual(["weapp_audit_fail"]);
    expect(pushes[0]!.plaintext).toContain("<Reason><![CDATA[auto: rejected]]></Reason>");
  });

  it("never decides an audit twice when several processes run it together", async () => {
    await updateSettings({ autoDecide: { mode: "approve", afterMs: 0 } });
    const audits = await Promise.all([auditing(), auditing(), auditing()]);
    const counts = await Promise.all([runAutoDecide(), runAutoDecide(), runAutoDecide(), runAutoDecide()]);
    // Rounds may skip a locked mini-program; whatever is left is picked up by the next round.
    const total = counts.reduce((a, b) => a + b, 0) + (await runAutoDecide());
    expect(total).toBe(3);
    for (const { authorizer, auditid } of audits) {
      expect((await auditRow(auditid)).status).toBe(0);
      expect((await getAuthorizer(authorizer.appid))!.state.releasableAuditId).toBe(auditid);
      const pushes = await db
        .select()
        .from(sandboxPushes)
        .where(and(eq(sandboxPushes.componentAppid, authorizer.componentAppid), eq(sandboxPushes.kind, "weapp_audit_success")));
      expect(pushes).toHaveLength(1);
    }
  });
});
