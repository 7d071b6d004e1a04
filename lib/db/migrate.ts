import "server-only";
import path from "node:path";
import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { LOCK_IDS } from "./locks";

export async function runMigrations(databaseUrl: string, migrationsFolder = path.resolve("drizzle")) {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await sql`select pg_advisory_lock(${LOCK_IDS.migration})`;
    try {
      await migrate(drizzle(sql), { migrationsFolder });
    } finally {
      await sql`select pg_advisory_unlock(${LOCK_IDS.migration})`;
    }
  } finally {
    await sql.end();
  }
}
