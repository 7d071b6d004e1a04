import "server-only";

/**
 * Published base-library (基础库) versions and their user shares, for getweappsupportversion / setweappsupportversion.
 * setweappsupportversion takes "为已发布的基础库版本号" (a published version): anything else is 85015 (seed 001 §13).
 *
 * (assump.) The sandbox's catalogue: the three versions of the document's example answer (1.0.0, 1.0.1, 1.1.0) plus
 * the versions of the public distribution table (小程序基础库版本分布, Dec 2024), with shares shaped like that
 * table. Shares are kept in hundredths of a percent so they add up to exactly 100; the newest version takes the rest.
 */

const SHARES_HUNDREDTHS: ReadonlyArray<readonly [string, number]> = [
  ["1.0.0", 0],
  ["1.0.1", 0],
  ["1.1.0", 0],
  ["2.10.4", 2],
  ["2.14.1", 5],
  ["2.16.1", 4],
  ["2.19.6", 8],
  ["2.20.3", 6],
  ["2.21.4", 6],
  ["2.22.1", 1],
  ["2.23.4", 7],
  ["2.24.4", 6],
  ["2.24.7", 14],
  ["2.25.4", 20],
  ["2.26.2", 7],
  ["2.27.3", 74],
  ["2.28.1", 6],
  ["2.29.2", 12],
  ["2.30.4", 21],
  ["2.31.1", 7],
  ["2.32.3", 15],
  ["2.33.0", 26],
  ["3.0.2", 23],
  ["3.1.5", 71],
  ["3.2.5", 43],
  ["3.3.5", 175],
  ["3.4.10", 159],
  ["3.5.8", 309],
  ["3.6.6", 980],
];
const NEWEST = "3.7.2";

/** What a mini-program answers before anyone set a minimum: the document's example `now_version` (assump.). */
export const DEFAULT_SUPPORT_VERSION = "1.0.0";

export type UvItem = { percentage: number; version: string };

/** Ascending by version, like the document's example; percentages (two decimals) sum to 100. */
export function uvItems(): UvItem[] {
  const rest = 10_000 - SHARES_HUNDREDTHS.reduce((sum, [, n]) => sum + n, 0);
  return [...SHARES_HUNDREDTHS, [NEWEST, rest] as const].map(([version, n]) => ({ percentage: n / 100, version }));
}

const PUBLISHED: ReadonlySet<string> = new Set([...SHARES_HUNDREDTHS.map(([v]) => v), NEWEST]);

/** `x.y.z` with plain decimal parts, and one of the published versions. */
export function isPublishedVersion(version: string): boolean {
  return /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/.test(version) && PUBLISHED.has(version);
}
