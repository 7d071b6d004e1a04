import "server-only";
import type { TenantReleaseOps } from "@/lib/platforms/port";
import { BaiduLocalRefusal, unsupported } from "../baidu-error";
import type { AppClient } from "../client";
import { PACKAGE_STATUS } from "../states";
import { packageIdOf, slotsOf } from "./shared";

/**
 * Baidu goes back one version only: the online package's `rollback_version`. `releasedVersions` lists that one
 * version with `appVersion` 0, and `rollback()` / `rollback(0)` go back to it; any other version is refused.
 */
export const PREVIOUS_VERSION = 0;

const NOTHING_APPROVED = { "zh-CN": "没有审核通过的代码包可发布。", en: "There is no approved package to release." };
const NOTHING_ONLINE = { "zh-CN": "没有可回滚的线上代码包。", en: "There is no online package to roll back." };

export function releaseOps(client: AppClient): TenantReleaseOps {
  return {
    release: async () => {
      const { audit } = await slotsOf(client);
      const approved = audit?.status === PACKAGE_STATUS.approved ? audit : null;
      await client.release({ package_id: packageIdOf(approved, "release", NOTHING_APPROVED) });
    },
    /** Takes effect later: the package shows status 8 until the previous version is back online. */
    rollback: async (appVersion) => {
      if (appVersion !== undefined && appVersion !== PREVIOUS_VERSION) {
        throw new BaiduLocalRefusal("rollback", "input", {
          "zh-CN": "百度智能小程序只能回滚到上一个线上版本。",
          en: "Baidu smart programs can only roll back to the previous online version.",
        });
      }
      const { online } = await slotsOf(client);
      const current = online?.status === PACKAGE_STATUS.online ? online : null;
      await client.rollback({ package_id: packageIdOf(current, "rollback", NOTHING_ONLINE) });
    },
    releasedVersions: async () => {
      const { online } = await slotsOf(client);
      const previous = online?.status === PACKAGE_STATUS.online ? online.rollback_version : null;
      return previous ? [{ appVersion: PREVIOUS_VERSION, userVersion: previous, userDesc: "", committedAt: null }] : [];
    },
    setVisible: async () => {
      throw unsupported("setVisible");
    },
    visible: async () => {
      throw unsupported("visible");
    },
    grayPlan: async () => {
      throw unsupported("grayPlan");
    },
    grayRelease: async () => {
      throw unsupported("grayRelease");
    },
    cancelGray: async () => {
      throw unsupported("cancelGray");
    },
  };
}
