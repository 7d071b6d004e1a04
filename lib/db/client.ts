import "server-only";
import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import { env } from "@/lib/env";
import * as schema from "./schema";

// Only the console's tables: the schema object serves drizzle's relational API (`db.query.*`), which the emulator
// does not use; its tables (lib/sandbox/schema.ts) work with select/insert/update as they are, and migrations read
// both schema files (drizzle.config.ts). lib/db knows nothing of what is built on it.

/** Connections per process. Work that holds one while it needs another must bound itself below this. */
export const POOL_SIZE = 20;

function connect() {
  if (!env.DATABASE_URL) {
    throw new Error("DATABASE_URL is not set: start the console with `npm run dev` or `npm start` (scripts/launch.ts).");
  }
  const sql = postgres(env.DATABASE_URL, { max: POOL_SIZE, onnotice: () => {}, connect_timeout: 10 });
  return { sql, db: drizzle(sql, { schema }) };
}

type Connection = ReturnType<typeof connect>;
// One pool per process; dev hot reloads must not open a new pool on every edit.
const globalForDb = globalThis as unknown as { __mpcDb?: Connection };

function connection(): Connection {
  globalForDb.__mpcDb ??= connect();
  return globalForDb.__mpcDb;
}

export type Db = Connection["db"];

/** Lazily connected so that importing a module never opens a socket (e.g. during `next build`). */
export const db: Db = new Proxy({} as Db, {
  get: (_target, prop) => Reflect.get(connection().db, prop),
});

export const sqlClient = () => connection().sql;
