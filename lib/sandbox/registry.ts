import "server-only";
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { sandboxAuthorizers, sandboxPlatforms } from "./schema";
import type { AuthorizerCodeState, SandboxCategory } from "./types";
import { isConsoleOrigin } from "./push";
import { randomToken } from "./tokens";

/** Creating the emulated world: platforms (third-party platforms) and authorizers (mini-programs). */

const hex = (bytes: number) => randomBytes(bytes).toString("hex");
const alnum = (length: number) => {
  const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  return Array.from(randomBytes(length), (b) => chars[b % chars.length]).join("");
};

export const newAppid = () => `wx${hex(8)}`;
export const newRefreshToken = () => randomToken("refreshtoken@@@", 32);

export const DEFAULT_CATEGORIES: SandboxCategory[] = [
  { first_class: "工具", second_class: "效率", first_id: 287, second_id: 616 },
  { first_class: "商业服务", second_class: "会展服务", first_id: 150, second_id: 652 },
];

/** Permission sets an authorizer grants by default: code management (18), QR-jump (3), and a few common ones. */
export const DEFAULT_FUNC_INFO = [17, 18, 19, 25, 30, 31, 3];

/** `callbackBase`: where its pushes go, this console (APP_URL's origin) only; null → APP_URL itself. */
export async function createPlatform(input: { componentAppid?: string; name?: string; callbackBase?: string | null } = {}) {
  if (input.callbackBase && !isConsoleOrigin(input.callbackBase)) throw new Error("a sandbox platform pushes to this console (APP_URL's origin) only");
  const [row] = await db
    .insert(sandboxPlatforms)
    .values({
      componentAppid: input.componentAppid ?? newAppid(),
      componentAppsecret: hex(16),
      token: alnum(24),
      encodingAesKey: alnum(43),
      name: input.name ?? "Sandbox platform",
      callbackBase: input.callbackBase ?? null,
    })
    .returning();
  return row!;
}

export type NewAuthorizer = {
  componentAppid: string;
  appid?: string;
  nickname?: string;
  principalName?: string;
  categories?: SandboxCategory[];
  funcInfo?: number[];
  initComplete?: boolean;
  state?: AuthorizerCodeState;
  authorized?: boolean;
};

export function authorizerValues(input: NewAuthorizer, index = 0) {
  const appid = input.appid ?? newAppid();
  return {
    appid,
    componentAppid: input.componentAppid,
    nickname: input.nickname ?? `沙盒小程序 ${index + 1}`,
    userName: `gh_${hex(6)}`,
    principalName: input.principalName ?? "沙盒科技有限公司",
    // Served by app/sandbox/avatar/[appid]/route.ts, so the console shows a real image without another host.
    headImg: `${env.APP_URL.replace(/\/$/, "")}/sandbox/avatar/${appid}`,
    signature: "A sandbox mini-program",
    categories: input.categories ?? DEFAULT_CATEGORIES,
    funcInfo: input.funcInfo ?? DEFAULT_FUNC_INFO,
    initComplete: input.initComplete ?? true,
    authorized: input.authorized ?? true,
    refreshToken: input.authorized === false ? null : newRefreshToken(),
    state: input.state ?? { visitStatus: 1 as const },
  };
}

export async function createAuthorizer(input: NewAuthorizer) {
  const [row] = await db.insert(sandboxAuthorizers).values(authorizerValues(input)).returning();
  return row!;
}

/** Many authorizers at once (seeding 20,000 takes seconds): multi-row inserts in batches. */
export async function createAuthorizers(componentAppid: string, n: number, batch = 1000): Promise<number> {
  let made = 0;
  for (let start = 0; start < n; start += batch) {
    const size = Math.min(batch, n - start);
    const rows = Array.from({ length: size }, (_, i) => authorizerValues({ componentAppid }, start + i));
    await db.insert(sandboxAuthorizers).values(rows);
    made += size;
  }
  return made;
}

export async function getAuthorizer(appid: string) {
  const [row] = await db.select().from(sandboxAuthorizers).where(eq(sandboxAuthorizers.appid, appid));
  return row ?? null;
}
