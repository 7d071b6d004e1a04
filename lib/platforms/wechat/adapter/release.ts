import "server-only";
import type { GrayPlanState, TenantReleaseOps } from "@/lib/platforms/port";
import type { AuthorizerClient } from "../client";
import { dateOf } from "./shared";

/** getgrayreleaseplan's status: 0 initial, 1 running, 2 paused, 3 finished, 4 deleted (cancelled). */
const GRAY_STATE_OF: Record<number, GrayPlanState> = { 0: "initial", 1: "running", 2: "paused", 3: "finished", 4: "cancelled" };

export function releaseOps(client: AuthorizerClient): TenantReleaseOps {
  return {
    release: async () => void (await client.release()),
    rollback: async (appVersion) => void (await client.revertCodeRelease(appVersion === undefined ? {} : { app_version: appVersion })),
    releasedVersions: async () =>
      (await client.getHistoryVersions()).version_list.map((v) => ({
        appVersion: v.app_version,
        userVersion: v.user_version,
        userDesc: v.user_desc,
        committedAt: dateOf(v.commit_time),
      })),
    setVisible: async (visible) => void (await client.changeVisitStatus({ action: visible ? "open" : "close" })),
    visible: async () => (await client.getVisitStatus()).status === 1,
    grayPlan: async () => {
      const plan = (await client.getGrayReleasePlan()).gray_release_plan;
      return {
        state: GRAY_STATE_OF[plan.status] ?? "initial",
        percentage: plan.gray_percentage,
        membersFirst: plan.support_debuger_first === true,
        testersFirst: plan.support_experiencer_first === true,
        createdAt: dateOf(plan.create_timestamp),
      };
    },
    // WeChat's "debuger" is a project member, its "experiencer" a trial tester.
    grayRelease: async ({ percentage, membersFirst, testersFirst }) =>
      void (await client.grayRelease({ gray_percentage: percentage, support_debuger_first: membersFirst, support_experiencer_first: testersFirst })),
    cancelGray: async () => void (await client.revertGrayRelease()),
  };
}
