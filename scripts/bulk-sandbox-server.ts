/**
 * The sandbox alone in its own process, for `bench:bulk` and `chaos:bulk`: the emulated platform then has its own
 * event loop, as the real one is another machine, and its work does not slow the worker being measured.
 * Env: DATABASE_URL (the throwaway database), SANDBOX_PORT. Prints "ready" once listening; SIGTERM stops it.
 */
import { prepareBulkEnv, serveSandbox } from "./bulk-world";

const port = Number(process.env.SANDBOX_PORT);
await prepareBulkEnv(process.env.DATABASE_URL!, port);
const server = await serveSandbox(port);
console.log("ready");
process.on("SIGTERM", () => void server.close().then(() => process.exit(0)));
