import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { fail } from "../errors";
import type { RouteDef, SandboxContext } from "../router";
import { sandboxAudits } from "../schema";
import { mutateState } from "../state";
import type { AuthorizerCodeState, GrayPlan, ReleasedVersion } from "../types";
import { bool } from "./params";
import type { AuditRequest, AuditRow } from "./audit";

/**
 * Release family (reference §4.1, §4.5, §4.6): release, grayrelease, getgrayreleaseplan, revertgrayrelease,
 * revertcoderelease.
 *
 * How gray and release fit together (assump.; the documents describe each call alone):
 * - grayrelease(p) rolls the approved-and-unreleased version out to p% of users. While the plan runs, that version
 *   stays "releasable"; raising p keeps the plan's version and creation time.
 * - p == 100 finishes the plan (status 3): the version goes online as a release would.
 * - release while a plan runs publishes to everyone, so the plan is finished (status 3); a release otherwise
 *   replaces any finished or cancelled plan (getgrayreleaseplan then answers status 0).
 * - revertgrayrelease cancels a running plan (status 4): gray users fall back to the online version, the
 *   approved version stays releasable.
 */

type Tx = Parameters<Parameters<typeof db.transaction>[0]>[0];

const HISTORY_LIMIT = 5;
const nowSeconds = () => Math.floor(Date.now() / 1000);
const isRunning = (plan: GrayPlan | undefined): plan is GrayPlan => plan?.status === 1 || plan?.status === 2;

/** app_version numbers only grow, even if state was seeded with versions but no counter. */
function nextAppVersion(state: AuthorizerCodeState): number {
  const seen = [...(state.history ?? []), ...(state.online ? [state.online] : [])].map((v) => v.appVersion + 1);
  return Math.max(state.nextAppVersion ?? 1, ...seen);
}

function versionOf(state: AuthorizerCodeState, audit: AuditRow): ReleasedVersion {
  const trial = (audit.request as Partial<AuditRequest>).trial;
  return {
    appVersion: nextAppVersion(state),
    userVersion: audit.userVersion,
    userDesc: audit.userDesc,
    // The code's commit time; audits stored without their trial fall back to the submission time.
    commitTime: Math.floor((trial?.committedAt ?? audit.submitTime.getTime()) / 1000),
    releasedAt: nowSeconds(),
    auditid: audit.auditid,
  };
}

/** `version` becomes the online one and the newest history entry (history: newest first, unique, at most 5). */
function goOnline(state: AuthorizerCodeState, version: ReleasedVersion): AuthorizerCodeState {
  const history = [version, ...(state.history ?? []).filter((v) => v.appVersion !== version.appVersion)].slice(0, HISTORY_LIMIT);
  return { ...state, online: version, history, nextAppVersion: Math.max(nextAppVersion(state), version.appVersion + 1) };
}

/** The approved, not yet released audit, if it is also the latest one (a newer submission hides it). */
async function releasableAudit(tx: Tx, state: AuthorizerCodeState): Promise<{ audit?: AuditRow; latestApproved: boolean }> {
  if (state.releasableAuditId === undefined) return { latestApproved: false };
  const [audit] = await tx.select().from(sandboxAudits).where(eq(sandboxAudits.auditid, state.releasableAuditId));
  return { audit, latestApproved: !!audit && audit.status === 0 && state.latestAuditId === audit.auditid };
}

async function release(ctx: SandboxContext) {
  return mutateState(ctx.authorizer!.appid, async (state, _authorizer, tx) => {
    const { audit, latestApproved } = await releasableAudit(tx, state);
    // Nothing approved left to release (never approved, or already released: assump. a second release → 85019).
    if (!audit) fail(85019, "no version is under auditing");
    if (!latestApproved) fail(85020, "status not allowed");
    const online = goOnline(state, versionOf(state, audit!));
    const gray = isRunning(state.gray) ? { ...state.gray, status: 3 as const } : undefined;
    return { state: { ...online, gray, releasableAuditId: undefined }, result: {} };
  });
}

/** gray_percentage: an integer 0–100 (a digit string is accepted, as the platform's JSON decoder does). */
function percentage(raw: unknown): number {
  const p = typeof raw === "string" && /^\d+$/.test(raw) ? Number(raw) : raw;
  if (typeof p !== "number" || !Number.isInteger(p) || p < 0 || p > 100) fail(85081, "invalid gray percentage");
  return p as number;
}

async function grayRelease(ctx: SandboxContext) {
  // A missing field is a format error; its value is judged after the state, in the documented order
  // 85079 → 85080 → 85081 → 85082 (reference §4.6).
  const raw = ctx.body.gray_percentage;
  if (raw === undefined || raw === null || raw === "") fail(47001, "data format error");
  const debugerFirst = bool(ctx.body, "support_debuger_first");
  const experiencerFirst = bool(ctx.body, "support_experiencer_first");
  if (!ctx.authorizer!.initComplete) fail(86002, "miniprogram have not completed init procedure");
  return mutateState(ctx.authorizer!.appid, async (state, _authorizer, tx) => {
    if (!state.online) fail(85079, "miniprogram has no online release");
    const running = isRunning(state.gray) ? state.gray : undefined;
    // A running plan already carries its approved version; otherwise the latest audit must be approved.
    let version = running?.version;
    if (!version) {
      const { audit, latestApproved } = await releasableAudit(tx, state);
      if (!audit || !latestApproved) fail(85080, "miniprogram commit not approved");
      version = versionOf(state, audit!);
    }
    const p = percentage(raw);
    const supportDebugerFirst = debugerFirst ?? running?.supportDebugerFirst ?? false;
    const supportExperiencerFirst = experiencerFirst ?? running?.supportExperiencerFirst ?? false;
    // 0% only makes sense when debuggers or experiencers get it first (reference §4.1; assump.: else 85081).
    if (p === 0 && !supportDebugerFirst && !supportExperiencerFirst) fail(85081, "invalid gray percentage");
    if (running && p <= running.grayPercentage) fail(85082, "gray percentage too low");

    const plan: GrayPlan = {
      status: 1,
      grayPercentage: p,
      supportDebugerFirst,
      supportExperiencerFirst,
      createTimestamp: running?.createTimestamp ?? nowSeconds(),
      version,
    };
    if (p < 100) return { state: { ...state, gray: plan }, result: {} };
    // 100%: everybody has it, which is a release (assump.).
    const released = { ...version, releasedAt: nowSeconds() };
    return { state: { ...goOnline(state, released), gray: { ...plan, status: 3, version: released }, releasableAuditId: undefined }, result: {} };
  });
}

async function revertGrayRelease(ctx: SandboxContext) {
  return mutateState(ctx.authorizer!.appid, (state) => {
    // The page lists no error but -1; cancelling when no plan runs answers 87012 "forbid revert" (assump.),
    // not -1, which clients would retry.
    if (!isRunning(state.gray)) fail(87012, "forbid revert this version release");
    return { state: { ...state, gray: { ...state.gray!, status: 4 } }, result: {} };
  });
}

/**
 * Rollback. Without app_version: to the previous online version. With it: to that version of the history.
 * 87012 when there is nothing before, when the online version is itself the result of a rollback ("此版本为已回退
 * 版本"), or when the named version is the online one; 40097 when app_version names no kept version.
 */
async function revertCodeRelease(ctx: SandboxContext) {
  const action = ctx.query.get("action");
  if (action !== null && action !== "get_history_version") fail(40097, "invalid args");
  if (action) {
    const history = (ctx.authorizer!.state.history ?? []).slice(0, HISTORY_LIMIT);
    return {
      version_list: history.map((v) => ({ app_version: v.appVersion, user_version: v.userVersion, user_desc: v.userDesc, commit_time: v.commitTime })),
    };
  }
  const named = ctx.query.get("app_version");
  if (named !== null && !/^\d+$/.test(named)) fail(40097, "invalid args");
  return mutateState(ctx.authorizer!.appid, (state) => {
    // The global code list keeps 87011 although the new revert page dropped it (reference §10.11).
    if (isRunning(state.gray)) fail(87011, "current online version is in gray release, can not revert");
    const online = state.online;
    if (!online) fail(87012, "forbid revert this version release");
    const history = state.history ?? [];
    let target: ReleasedVersion | undefined;
    if (named !== null) {
      target = history.find((v) => v.appVersion === Number(named));
      if (!target) fail(40097, "invalid args");
      if (target!.appVersion === online!.appVersion) fail(87012, "forbid revert this version release");
    } else {
      target = history.find((v) => v.appVersion !== online!.appVersion);
    }
    const reverted = state.revertedAppVersions ?? [];
    if (!target || reverted.includes(online!.appVersion)) fail(87012, "forbid revert this version release");
    const next = goOnline(state, { ...target!, releasedAt: nowSeconds() });
    // Remember only versions still kept: older ones can no longer be named anyway.
    const kept = new Set(next.history!.map((v) => v.appVersion));
    const revertedAppVersions = [...reverted, target!.appVersion].filter((n, i, all) => kept.has(n) && all.indexOf(n) === i);
    return { state: { ...next, revertedAppVersions }, result: {} };
  });
}

// Code management: authorizer token, permission set 18 (reference §4).
const code18 = { token: "authorizer", envelope: "wxa", permissions: [18] } satisfies Partial<RouteDef>;

export const releaseRoutes: RouteDef[] = [
  // `{}` is the documented body; an empty one is 44002 (reference §4.1, §10.6).
  { ...code18, method: "POST", path: "/wxa/release", body: "json-required", handler: release },
  { ...code18, method: "POST", path: "/wxa/grayrelease", body: "json-required", handler: grayRelease },
  {
    ...code18,
    method: "GET",
    path: "/wxa/getgrayreleaseplan",
    body: "none",
    async handler(ctx) {
      const plan = ctx.authorizer!.state.gray;
      return {
        gray_release_plan: {
          status: plan?.status ?? 0,
          create_timestamp: plan?.createTimestamp ?? 0,
          gray_percentage: plan?.grayPercentage ?? 0,
          support_debuger_first: plan?.supportDebugerFirst ?? false,
          support_experiencer_first: plan?.supportExperiencerFirst ?? false,
        },
      };
    },
  },
  { ...code18, method: "GET", path: "/wxa/revertgrayrelease", body: "none", handler: revertGrayRelease },
  { ...code18, method: "GET", path: "/wxa/revertcoderelease", body: "none", handler: revertCodeRelease },
];
