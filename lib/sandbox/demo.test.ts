import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { decryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db/client";
import { platformAccounts, tenants } from "@/lib/db/schema";
import { startSandboxServer, type SandboxServer } from "@/scripts/vitest/sandbox-server";
import { templatePrivacyApis } from "./code-privacy";
import { seedSandboxDemo } from "./demo";
import { createPlatform } from "./registry";
import { sandboxAudits, sandboxAuthorizers, sandboxDrafts, sandboxMedia, sandboxPlatforms, sandboxTemplates } from "./schema";

let sandbox: SandboxServer;
beforeAll(async () => {
  sandbox = await startSandboxServer();
});
afterAll(() => sandbox.close());

const counts = async () => ({
  platforms: (await db.select().from(sandboxPlatforms)).length,
  authorizers: (await db.select().from(sandboxAuthorizers)).length,
  audits: (await db.select().from(sandboxAudits)).length,
  templates: (await db.select().from(sandboxTemplates)).length,
  drafts: (await db.select().from(sandboxDrafts)).length,
  accounts: (await db.select().from(platformAccounts)).length,
  tenants: (await db.select().from(tenants)).length,
});

async function post(path: string, body: unknown, token?: string) {
  const url = `${sandbox.wechatBase}${path}${token ? `?component_access_token=${encodeURIComponent(token)}` : ""}`;
  return (await (await fetch(url, { method: "POST", body: JSON.stringify(body) })).json()) as Record<string, unknown>;
}

// Runs in order: the first test needs the database before any demo data.
describe("seedSandboxDemo", () => {
  it("does nothing when a sandbox platform already exists", async () => {
    const existing = await createPlatform();
    expect(await seedSandboxDemo(db)).toBeNull();
    expect(await counts()).toMatchObject({ platforms: 1, authorizers: 0, accounts: 0, tenants: 0 });
    await db.delete(sandboxPlatforms).where(eq(sandboxPlatforms.componentAppid, existing.componentAppid));
  });

  it("seeds one platform that the console knows as a platform account, with encrypted secrets", async () => {
    const summary = await seedSandboxDemo(db);
    expect(summary).toMatchObject({ authorizers: 12, templates: 3, drafts: 4 });
    const [platform] = await db.select().from(sandboxPlatforms);
    expect(platform!.componentAppid).toBe(summary!.componentAppid);
    expect(platform!.verifyTicket).toMatch(/^ticket@@@/);
    const [account] = await db.select().from(platformAccounts);
    expect(account).toMatchObject({ id: summary!.accountId, platform: "wechat", appId: platform!.componentAppid });
    expect(account!.apiBase).toMatch(/^http:\/\/localhost:\d+\/sandbox\/wechat$/);
    for (const [stored, plain] of [
      [account!.secretEnc, platform!.componentAppsecret],
      [account!.tokenEnc!, platform!.token],
      [account!.aesKeyEnc!, platform!.encodingAesKey],
      // The console already holds the current ticket, so it can get a component token at once.
      [account!.verifyTicketEnc!, platform!.verifyTicket!],
    ] as const) {
      expect(stored).toMatch(/^v1:/);
      expect(stored).not.toContain(plain);
      expect(decryptSecret(stored)).toBe(plain);
    }
  });

  it("is idempotent", async () => {
    const before = await counts();
    expect(await seedSandboxDemo(db)).toBeNull();
    expect(await counts()).toEqual(before);
  });

  it("covers every step of the code workflow", async () => {
    const authorizers = await db.select().from(sandboxAuthorizers);
    const audits = await db.select().from(sandboxAudits);
    const auditsOf = (appid: string) => audits.filter((a) => a.appid === appid).sort((x, y) => y.auditid - x.auditid);
    const latest = (appid: string) => auditsOf(appid)[0];
    const find = (predicate: (a: (typeof authorizers)[number]) => boolean) => authorizers.filter(predicate).map((a) => a.nickname);

    const states = {
      live: find((a) => a.authorized && !!a.state.online && !a.state.gray && latest(a.appid)?.status === 0 && !a.state.releasableAuditId),
      gray: find((a) => a.state.gray?.status === 1 && a.state.gray.grayPercentage === 10 && !!a.state.online && a.state.releasableAuditId === latest(a.appid)?.auditid),
      auditing: find((a) => latest(a.appid)?.status === 2 && a.state.latestAuditId === latest(a.appid)?.auditid),
      rejected: find((a) => latest(a.appid)?.status === 1 && !!latest(a.appid)?.reason && (latest(a.appid)?.screenshot ?? "").split("|").length === 2),
      trialOnly: find((a) => !!a.state.trial && auditsOf(a.appid).length === 0),
      uncommitted: find((a) => a.authorized && !a.state.trial && auditsOf(a.appid).length === 0),
      unauthorized: find((a) => !a.authorized && a.refreshToken === null),
      approvedUnreleased: find((a) => latest(a.appid)?.status === 0 && a.state.releasableAuditId === latest(a.appid)?.auditid && !a.state.online),
      delayed: find((a) => latest(a.appid)?.status === 4 && !!latest(a.appid)?.reason),
      withdrawn: find((a) => latest(a.appid)?.status === 3 && !!a.state.online),
      history: find((a) => (a.state.history?.length ?? 0) >= 3 && a.state.history![0]!.appVersion === a.state.online?.appVersion),
    };
    for (const [state, names] of Object.entries(states)) expect(names.length, state).toBeGreaterThan(0);
    expect(states.gray).toEqual(["老城根火锅"]);
    expect(states.rejected).toEqual(["书香阁书店"]);

    // Every state refers to rows that exist: its own audits, the platform's templates.
    const templateIds = new Set((await db.select().from(sandboxTemplates)).map((t) => t.templateId));
    for (const a of authorizers) {
      if (a.state.trial) expect(templateIds.has(a.state.trial.templateId), a.nickname).toBe(true);
      if (a.state.latestAuditId) expect(latest(a.appid)?.auditid, a.nickname).toBe(a.state.latestAuditId);
      for (const v of a.state.history ?? []) expect(auditsOf(a.appid).some((x) => x.auditid === v.auditid && x.status === 0), a.nickname).toBe(true);
    }
  });

  it("has templates with realistic pages and drafts behind them", async () => {
    const templates = await db.select().from(sandboxTemplates);
    const draftIds = new Set((await db.select().from(sandboxDrafts)).map((d) => d.draftId));
    expect(templates.map((t) => t.userVersion)).toEqual(["1.2.0", "1.3.0", "2.0.0"]);
    for (const t of templates) {
      expect(t.pages[0]).toBe("pages/index/index");
      expect(t.pages).toContain("pages/detail/detail");
      expect(draftIds.has(t.draftId)).toBe(true);
    }
  });

  it("has a template whose code uses location APIs (seed 002), and trials of it that declare them", async () => {
    const templates = await db.select().from(sandboxTemplates);
    const uses = await Promise.all(templates.map((t) => templatePrivacyApis(t.templateId)));
    expect(uses).toEqual([[], [], ["getLocation", "chooseLocation"]]);
    const booking = templates[2]!.templateId;
    const trials = (await db.select().from(sandboxAuthorizers)).map((a) => a.state.trial).filter((t) => t?.templateId === booking);
    expect(trials.length).toBeGreaterThan(0);
    for (const trial of trials) expect(JSON.parse(trial!.extJson).requiredPrivateInfos).toEqual(["getLocation", "chooseLocation"]);
  });

  it("gives the rejected audit real screenshot images (permanent media of that mini-program)", async () => {
    const rejected = (await db.select().from(sandboxAudits)).filter((a) => a.status === 1);
    expect(rejected.length).toBeGreaterThan(0);
    for (const audit of rejected) {
      const ids = (audit.screenshot ?? "").split("|");
      const media = await db.select().from(sandboxMedia).where(inArray(sandboxMedia.mediaId, ids));
      expect(media.map((m) => [m.appid, m.contentType, m.expiresAt])).toEqual(ids.map(() => [audit.appid, "image/jpeg", null]));
    }
  });

  it("stores a tenant per authorizer with the same names, permissions and an encrypted refresh token", async () => {
    const authorizers = await db.select().from(sandboxAuthorizers);
    const rows = await db.select().from(tenants);
    expect(rows.map((t) => t.appid).sort()).toEqual(authorizers.map((a) => a.appid).sort());
    for (const a of authorizers) {
      const t = rows.find((r) => r.appid === a.appid)!;
      expect(t).toMatchObject({ nickname: a.nickname, principalName: a.principalName, permissionSets: a.funcInfo, status: a.authorized ? "authorized" : "unauthorized" });
      expect(t.tags).toContain("demo");
      if (a.authorized) {
        expect(t.refreshTokenEnc).toMatch(/^v1:/);
        expect(t.refreshTokenEnc).not.toContain(a.refreshToken!);
        expect(decryptSecret(t.refreshTokenEnc!)).toBe(a.refreshToken);
      } else expect(t.refreshTokenEnc).toBeNull();
    }
  });

  it("works over HTTP: the stored ticket and refresh tokens are accepted, the unauthorized one is not", async () => {
    const [platform] = await db.select().from(sandboxPlatforms);
    const { component_access_token: token } = await post("/cgi-bin/component/api_component_token", {
      component_appid: platform!.componentAppid,
      component_appsecret: platform!.componentAppsecret,
      component_verify_ticket: platform!.verifyTicket,
    });
    expect(token).toMatch(/^SBXC_/);
    const rows = await db.select().from(tenants);
    const live = rows.find((t) => t.nickname === "鲜果时光")!;
    const refreshed = await post("/cgi-bin/component/api_authorizer_token", {
      component_appid: platform!.componentAppid,
      authorizer_appid: live.appid,
      authorizer_refresh_token: decryptSecret(live.refreshTokenEnc!),
    }, token as string);
    expect(refreshed.authorizer_access_token).toMatch(/^SBXA_/);
    const gone = rows.find((t) => t.status === "unauthorized")!;
    const refused = await post("/cgi-bin/component/api_authorizer_token", {
      component_appid: platform!.componentAppid,
      authorizer_appid: gone.appid,
      authorizer_refresh_token: "refreshtoken@@@whatever",
    }, token as string);
    expect(refused.errcode).toBe(61003);
  });
});
