import "server-only";
import { randomBytes, randomInt } from "node:crypto";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { isConsoleOrigin } from "../push";
import { sandboxBaiduApps, sandboxBaiduPlatforms } from "./schema";
import { newBaiduRefreshToken } from "./tokens";

/** Creating the emulated Baidu world: third-party platforms and their smart programs. */

const alnum = (length: number) => {
  const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  return Array.from(randomBytes(length), (b) => chars[b % chars.length]).join("");
};

/** Baidu ids are numeric: 8 digits here (collisions are refused by the primary key; the odds are tiny). */
export const newBaiduNumericId = () => randomInt(10_000_000, 99_999_999);

export type BaiduPlatformRow = typeof sandboxBaiduPlatforms.$inferSelect;
export type BaiduAppRow = typeof sandboxBaiduApps.$inferSelect;

/** A new TP; `callbackBase` may only be this console's origin (pushes go nowhere else). */
export async function createBaiduPlatform(input: { clientId?: string; name?: string; callbackBase?: string | null } = {}): Promise<BaiduPlatformRow> {
  if (input.callbackBase && !isConsoleOrigin(input.callbackBase)) throw new Error("a sandbox platform pushes to this console (APP_URL's origin) only");
  const [row] = await db
    .insert(sandboxBaiduPlatforms)
    .values({
      clientId: input.clientId ?? alnum(32),
      tpAppId: newBaiduNumericId(),
      name: input.name ?? "Sandbox Baidu platform",
      token: alnum(24),
      encodingAesKey: alnum(43),
      callbackBase: input.callbackBase ?? null,
    })
    .returning();
  return row!;
}

export type NewBaiduApp = {
  clientId: string;
  appId?: number;
  appName?: string;
  authorized?: boolean;
  basicInfoApproved?: boolean;
  principalVerified?: boolean;
};

export function baiduAppValues(input: NewBaiduApp, index = 0) {
  const authorized = input.authorized ?? true;
  return {
    appId: input.appId ?? newBaiduNumericId(),
    clientId: input.clientId,
    appName: input.appName ?? `沙盒智能小程序 ${index + 1}`,
    appKey: alnum(32),
    appDesc: "A sandbox smart program",
    authorized,
    refreshToken: authorized ? newBaiduRefreshToken() : null,
    basicInfoApproved: input.basicInfoApproved ?? true,
    principalVerified: input.principalVerified ?? true,
  };
}

export async function createBaiduApp(input: NewBaiduApp): Promise<BaiduAppRow> {
  const [row] = await db.insert(sandboxBaiduApps).values(baiduAppValues(input)).returning();
  return row!;
}

/** Many authorized smart programs at once, in multi-row inserts. Returns the rows made. */
export async function createBaiduApps(clientId: string, n: number, batch = 1000): Promise<BaiduAppRow[]> {
  const made: BaiduAppRow[] = [];
  for (let start = 0; start < n; start += batch) {
    const rows = Array.from({ length: Math.min(batch, n - start) }, (_, i) => baiduAppValues({ clientId }, start + i));
    made.push(...(await db.insert(sandboxBaiduApps).values(rows).returning()));
  }
  return made;
}

export async function getBaiduApp(appId: number): Promise<BaiduAppRow | null> {
  const [row] = await db.select().from(sandboxBaiduApps).where(eq(sandboxBaiduApps.appId, appId));
  return row ?? null;
}

export async function getBaiduPlatform(clientId: string): Promise<BaiduPlatformRow | null> {
  const [row] = await db.select().from(sandboxBaiduPlatforms).where(eq(sandboxBaiduPlatforms.clientId, clientId));
  return row ?? null;
}
