import "server-only";
import { z } from "zod";

/**
 * Every environment variable the project reads, parsed once. Nothing else reads process.env.
 * An empty string counts as unset, so `FOO=` in a .env file falls back to the default.
 */

const emptyToUndefined = (value: unknown) => (value === "" ? undefined : value);
const opt = <T extends z.ZodType>(schema: T) => z.preprocess(emptyToUndefined, schema.optional());
const flag = (fallback: boolean) =>
  z.preprocess(
    emptyToUndefined,
    z
      .enum(["0", "1", "true", "false"], { message: "must be 0, 1, true or false" })
      .optional()
      .transform((v) => (v === undefined ? fallback : v === "1" || v === "true")),
  );

const base64Key = z.string().refine((value) => {
  try {
    return Buffer.from(value, "base64").length === 32 && /^[A-Za-z0-9+/]+={0,2}$/.test(value);
  } catch {
    return false;
  }
}, "must be 32 random bytes in base64 (openssl rand -base64 32)");

const postgresUrl = z
  .string()
  .refine((v) => /^postgres(ql)?:\/\//.test(v) && URL.canParse(v), "must be a postgres:// or postgresql:// URL");

const httpUrl = z.string().refine((v) => /^https?:\/\//.test(v) && URL.canParse(v), "must be an http(s) URL");

/**
 * Hosts a platform account's API base may name besides the official one and the console's own sandbox (a company
 * proxy): `host[:port]` or `https://host[:port]`, comma-separated. Kept as URL hosts (lower case, default port
 * dropped), the form lib/platforms/wechat/api-base.ts compares. https only: the secret and every token travel to these hosts.
 */
const hostList = z.string().transform((value, ctx) => {
  const hosts: string[] = [];
  for (const entry of value.split(",").map((e) => e.trim()).filter(Boolean)) {
    const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(entry) ? entry : `https://${entry}`;
    const url = URL.canParse(withScheme) ? new URL(withScheme) : null;
    const problem = !url
      ? "is not a host or an origin"
      : url.protocol !== "https:"
        ? "must be https (or a bare host)"
        : url.pathname !== "/" || url.search || url.hash || url.username || url.password
          ? "must be a host or an origin, without a path"
          : null;
    if (problem) {
      ctx.addIssue({ code: "custom", message: `"${entry}" ${problem}` });
      return z.NEVER;
    }
    hosts.push(url!.host);
  }
  return hosts;
});

export const envSchema = z
  .object({
    NODE_ENV: z.preprocess(emptyToUndefined, z.enum(["development", "production", "test"]).default("development")),
    DATABASE_URL: opt(postgresUrl),
    EMBEDDED_PG_DATA: opt(z.string()),
    EMBEDDED_PG_PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1024).max(65535).default(54329)),
    PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(65535).default(3000)),
    // How many proxies we run in front of the console (load balancer, ingress). 0: the client connects directly, its
    // address is the socket's. N: the address N entries from the right of X-Forwarded-For (scripts/serve.ts).
    TRUSTED_PROXY_HOPS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0, "must be 0 or more").default(0)),
    APP_URL: opt(httpUrl),
    APP_ENCRYPTION_KEY: opt(base64Key),
    AUTH_SECRET: opt(z.string().min(32, "must be at least 32 characters")),
    // Production: the code /setup asks for before the first admin exists. Unset: the launcher prints a one-time code.
    SETUP_TOKEN: opt(z.string().min(16, "must be at least 16 characters")),
    DEMO_SEED: flag(false),
    DEMO_PASSWORD: opt(z.string().min(8, "must be at least 8 characters")),
    // The WeChat platform emulator (lib/sandbox), mounted under /sandbox. On by default under `npm run dev`.
    SANDBOX: flag(false),
    // Bearer token that opens /sandbox/control to scripts and tests (an admin session always can).
    SANDBOX_CONTROL_TOKEN: opt(z.string().min(16, "must be at least 16 characters")),
    // How often the sandbox pushes a new component_verify_ticket (the platform: every 10 minutes).
    SANDBOX_TICKET_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(86_400).default(600)),
    // The WeChat API host the console's client calls; the sandbox stands in at {APP_URL}/sandbox/wechat.
    WECHAT_API_BASE: opt(httpUrl),
    // Further hosts a platform account's API base may name (a company proxy), comma-separated, https only.
    WECHAT_API_BASE_ALLOWLIST: z.preprocess(emptyToUndefined, hostList.optional()),
    // Bulk jobs (lib/jobs): calls at once per platform account (and a worker's slots), calls per second per account
    // (0: no limit beyond the concurrency), and whether the app process runs a worker (off: `npm run worker` only).
    JOBS_CONCURRENCY: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(500).default(10)),
    JOBS_RATE_PER_SECOND: z.preprocess(emptyToUndefined, z.coerce.number().min(0).max(10_000).default(0)),
    JOBS_WORKER: flag(true),
    LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(["debug", "info", "warn", "error"]).default("info")),
    // Set by Next itself while `next build` runs: production secrets are not needed to compile.
    NEXT_PHASE: opt(z.string()),
  })
  .superRefine((value, ctx) => {
    const building = value.NEXT_PHASE === "phase-production-build";
    if (value.NODE_ENV === "production" && !building) {
      if (!value.APP_ENCRYPTION_KEY)
        ctx.addIssue({ code: "custom", path: ["APP_ENCRYPTION_KEY"], message: "is required in production" });
      if (!value.AUTH_SECRET)
        ctx.addIssue({ code: "custom", path: ["AUTH_SECRET"], message: "is required in production" });
    }
  })
  .transform((value) => ({
    ...value,
    APP_URL: value.APP_URL ?? `http://localhost:${value.PORT}`,
    WECHAT_API_BASE: (value.WECHAT_API_BASE ?? "https://api.weixin.qq.com").replace(/\/$/, ""),
    WECHAT_API_BASE_ALLOWLIST: value.WECHAT_API_BASE_ALLOWLIST ?? [],
  }));

export type Env = z.output<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      "Invalid environment configuration:\n" +
        problems.map((p) => `  ${p.variable}: ${p.message}`).join("\n") +
        "\nSee .env.example for every variable.",
    );
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? "?"), message: issue.message })),
    );
  }
  return result.data;
}

export const env: Env = parseEnv(process.env);
