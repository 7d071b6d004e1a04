/**
 * `npm run worker`: a bulk-jobs worker on its own (the app process runs one too unless JOBS_WORKER=0). Several may run
 * against one database: pg-boss hands each item to one of them, the item's lease keeps a second delivery from acting
 * twice, and an item whose worker was killed is picked up again once its lease lapses.
 * Run with `tsx --conditions=react-server` so server-only modules load outside Next.
 *
 *   npm run worker -- [--concurrency N] [--id NAME] [--lease-ms MS] [--sweep-ms MS] [--backoff-ms MS] [--max-attempts N]
 *
 * The last four tune recovery (defaults in lib/jobs/worker.ts): a short lease and sweep make a killed worker's items
 * run again within seconds (`npm run chaos:bulk` uses them); the backoff base and the attempts bound the retries.
 */
import nextEnv from "@next/env";

nextEnv.loadEnvConfig(process.cwd(), process.env.NODE_ENV !== "production");

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};

const { env } = await import("../lib/env");
if (!env.DATABASE_URL) {
  console.error("[worker] DATABASE_URL is not set: point it at the console's database (the one `npm run dev` / `npm start` uses).");
  process.exit(2);
}
const { startWorker, stopWorker } = await import("../lib/jobs");
/** A positive integer flag, or undefined when absent (the worker's default applies); exits on a bad value. */
const intArg = (name: string): number | undefined => {
  const raw = arg(name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`[worker] --${name} must be a positive integer`);
    process.exit(2);
  }
  return value;
};
const concurrency = intArg("concurrency");
const worker = await startWorker({
  concurrency,
  workerId: arg("id"),
  leaseMs: intArg("lease-ms"),
  sweepMs: intArg("sweep-ms"),
  backoffBaseMs: intArg("backoff-ms"),
  maxAttempts: intArg("max-attempts"),
});
console.log(`[worker] ${worker.id} running (concurrency ${concurrency ?? env.JOBS_CONCURRENCY})`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`[worker] ${signal}: finishing the items in hand`);
    void stopWorker().then(() => process.exit(0));
  });
}
