/**
 * The world `npm run bench:bulk` and `npm run chaos:bulk` run in (scripts only, never the app): on a throwaway
 * database, the sandbox served over real HTTP on its own port, one emulated third-party platform with N seeded
 * mini-programs (seed-authorizers), the console's platform account and tenants for them (refresh tokens encrypted,
 * as onboarding leaves them), a template of three pages and an audit profile on the seeded categories.
 *
 * Call `prepareBulkEnv` BEFORE anything imports lib/env (it reads process.env once): it fixes the sandbox's port
 * so WECHAT_API_BASE names it (the console sends nothing to a base it does not trust).
 */
import { spawn } from "node:child_process";
import http from "node:http";
import { createInterface } from "node:readline";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { freePort } from "./free-port";

export const TEMPLATE_PAGES = ["pages/index/index", "pages/list/list", "pages/detail/detail"];

export async function prepareBulkEnv(databaseUrl: string, fixedPort?: number): Promise<{ port: number; wechatBase: string }> {
  const port = fixedPort ?? (await freePort());
  const wechatBase = `http://127.0.0.1:${port}/sandbox/wechat`;
  process.env.DATABASE_URL = databaseUrl;
  process.env.SANDBOX = "1";
  process.env.WECHAT_API_BASE = wechatBase;
  process.env.APP_ENCRYPTION_KEY ||= randomBytes(32).toString("base64");
  process.env.AUTH_SECRET ||= randomBytes(32).toString("base64");
  // The scripts run the worker themselves (in-process or as child processes).
  process.env.JOBS_WORKER = "0";
  return { port, wechatBase };
}

/** The sandbox in a child process of its own (scripts/bulk-sandbox-server.ts), listening on `port`; resolves once ready. */
export async function spawnSandbox(databaseUrl: string, port: number): Promise<{ close: () => Promise<void> }> {
  // SANDBOX_CPU_PROF=<dir>: a CPU profile of the emulator's process, to see where a slow run spends its time.
  const profile = process.env.SANDBOX_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.SANDBOX_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...profile, "--conditions=react-server", "--import", "tsx", path.resolve("scripts/bulk-sandbox-server.ts")], {
    env: { ...process.env, DATABASE_URL: databaseUrl, SANDBOX_PORT: String(port) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on("line", (line) => line === "ready" && resolve());
    child.once("exit", (code) => reject(new Error(`the sandbox process exited with ${code}`)));
  });
  return {
    close: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** The sandbox's handler on `port` (node:http → the web-standard handler, as the app mounts it). */
export async function serveSandbox(port: number): Promise<{ close: () => Promise<void> }> {
  const { handleWechatApi } = await import("../lib/sandbox");
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://localhost");
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const prefix = "/sandbox/wechat/";
      if (!url.pathname.startsWith(prefix)) return void res.writeHead(404).end("not found");
      const request = new Request(`http://localhost${url.pathname}${url.search}`, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body: req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks),
      });
      const response = await handleWechatApi(request, url.pathname.slice(prefix.length).split("/").map(decodeURIComponent));
      res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    }
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export type BulkWorld = { accountId: string; componentAppid: string; templateId: number; profileId: string; tenantIds: string[]; appids: string[] };

/** Migrations, then the platform, `tenants` seeded mini-programs, their console rows, a template and an audit profile. */
export async function buildBulkWorld(databaseUrl: string, wechatBase: string, tenants: number): Promise<BulkWorld> {
  const { runMigrations } = await import("../lib/db/migrate");
  await runMigrations(databaseUrl, path.resolve("drizzle"));
  const { eq, sql } = await import("drizzle-orm");
  const { db } = await import("../lib/db/client");
  const { encryptSecret } = await import("../lib/crypto");
  const { platformAccounts, auditProfiles } = await import("../lib/db/schema");
  const { createPlatform } = await import("../lib/sandbox/registry");
  const { seedAuthorizers } = await import("../lib/sandbox/seed-world");
  const { seedAuthorizersSchema } = await import("../lib/sandbox/control-bulk-schemas");
  const { DEFAULT_CATEGORIES } = await import("../lib/sandbox/registry");
  const { sandboxPlatforms, sandboxTemplates } = await import("../lib/sandbox/schema");
  const { storeVerifyTicket } = await import("../lib/platforms/wechat/tokens");

  const { enqueueTicketPush } = await import("../lib/sandbox/push");
  const created = await createPlatform({ name: "Bulk benchmark platform" });
  // The platform's first verify ticket (the console's account stores it, as the ticket push would).
  await enqueueTicketPush(created.componentAppid);
  const [platform] = await db.select().from(sandboxPlatforms).where(eq(sandboxPlatforms.componentAppid, created.componentAppid));
  const seeded = await seedAuthorizers(seedAuthorizersSchema.parse({ count: tenants, component_appid: platform!.componentAppid, nickname_prefix: "批量" }));
  // The monthly audit quota covers the whole fleet (the preflight would otherwise ask for a "first N" choice).
  const { setQuota } = await import("../lib/sandbox/control-quota");
  await setQuota({ component_appid: platform!.componentAppid, audit_limit: tenants + 100, audit_used: 0 });
  const [account] = await db
    .insert(platformAccounts)
    .values({
      platform: "wechat",
      name: "Bulk benchmark",
      appId: platform!.componentAppid,
      secretEnc: encryptSecret(platform!.componentAppsecret),
      tokenEnc: encryptSecret(platform!.token),
      aesKeyEnc: encryptSecret(platform!.encodingAesKey),
      apiBase: wechatBase,
    })
    .returning();
  await storeVerifyTicket(account!.id, platform!.verifyTicket!);
  const rows = seeded.authorizers.map((a) => ({
    appid: a.appid,
    nickname: a.nickname,
    user_name: a.user_name,
    principal_name: a.principal_name,
    refresh_token_enc: encryptSecret(a.refresh_token!),
    permission_sets: a.func_info,
  }));
  const inserted = (await db.execute(sql`
    insert into tenants (account_id, appid, nickname, user_name, principal_name, refresh_token_enc, permission_sets, authorized_at)
    select ${account!.id}::uuid, appid, nickname, user_name, principal_name, refresh_token_enc, permission_sets, now()
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(appid text, nickname text, user_name text, principal_name text, refresh_token_enc text, permission_sets integer[])
    returning id, appid`)) as unknown as { id: string; appid: string }[];

  const [template] = await db
    .insert(sandboxTemplates)
    .values({
      componentAppid: platform!.componentAppid,
      draftId: 0,
      templateType: 0,
      userVersion: "2.0.0",
      userDesc: "bulk benchmark template",
      sourceMiniprogramAppid: "wx0000000000000000",
      sourceMiniprogram: "bench dev app",
      developer: "bench",
      pages: TEMPLATE_PAGES,
    })
    .returning({ templateId: sandboxTemplates.templateId });
  const category = DEFAULT_CATEGORIES[0]!;
  const [profile] = await db
    .insert(auditProfiles)
    .values({
      name: "Bulk benchmark profile",
      itemList: [
        {
          page: TEMPLATE_PAGES[0],
          category: { first: { id: category.first_id, name: category.first_class }, second: { id: category.second_id, name: category.second_class }, third: null },
          tags: "工具",
          title: "首页",
        },
      ],
      options: { versionDesc: "bulk benchmark", orderPath: "", ugc: null },
    })
    .returning({ id: auditProfiles.id });
  return {
    accountId: account!.id,
    componentAppid: platform!.componentAppid,
    templateId: template!.templateId,
    profileId: profile!.id,
    tenantIds: inserted.map((r) => r.id),
    appids: inserted.map((r) => r.appid),
  };
}

/** Pipeline parameters: commit the template (ext_json with a per-tenant variable) → privacy wait → submit. */
export const pipelineParams = (world: BulkWorld) => ({
  commit: { templateId: world.templateId, userVersion: "2.0.0", userDesc: "bulk roll-out", extJson: JSON.stringify({ extEnable: true, extAppid: "{{appid}}", ext: { name: "{{nickname}}" } }) },
  submit: { profileId: world.profileId, privacyApiNotUse: false },
  waitAudit: false,
  after: "none",
});

/** Calls the sandbox answered (every path, every code) since its counters were last cleared, and the duplicates. */
export async function sandboxTally(): Promise<{ calls: number; lost: number; maxCommits: number; maxSubmits: number; duplicates: number; maxInFlight: number }> {
  const { sql } = await import("drizzle-orm");
  const { db } = await import("../lib/db/client");
  const { tracedConcurrency } = await import("../lib/sandbox/request-log");
  const [calls] = (await db.execute(sql`select coalesce(sum(count), 0)::int as n, coalesce(sum(lost), 0)::int as lost from sandbox_requests`)) as unknown as { n: number; lost: number }[];
  const [applied] = (await db.execute(sql`
    select coalesce(max(count) filter (where path = '/wxa/commit'), 0)::int as commits,
           coalesce(max(count) filter (where path = '/wxa/submit_audit'), 0)::int as submits,
           count(*) filter (where count > 1)::int as duplicates
    from sandbox_applied`)) as unknown as { commits: number; submits: number; duplicates: number }[];
  const traced = await tracedConcurrency();
  return { calls: calls!.n, lost: calls!.lost, maxCommits: applied!.commits, maxSubmits: applied!.submits, duplicates: applied!.duplicates, maxInFlight: traced.maxInFlight };
}

export type WorkerChild = { pid: number; exited: Promise<number | null>; kill: (signal: NodeJS.Signals) => void; stop: () => Promise<void> };

/**
 * `scripts/worker.ts` in a child process (node --conditions=react-server --import tsx), on this process's env
 * (DATABASE_URL, WECHAT_API_BASE, APP_ENCRYPTION_KEY, JOBS_WORKER as prepareBulkEnv left them). Each output line goes
 * to `onLine`, so a script can keep the noise of a worker it kills out of its report.
 */
export function spawnWorker(args: string[], onLine: (line: string, stream: "stdout" | "stderr") => void): WorkerChild {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.resolve("scripts/worker.ts"), ...args], {
    env: { ...process.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  createInterface({ input: child.stdout! }).on("line", (line) => onLine(line, "stdout"));
  createInterface({ input: child.stderr! }).on("line", (line) => onLine(line, "stderr"));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    pid: child.pid!,
    exited,
    kill: (signal) => void child.kill(signal),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
