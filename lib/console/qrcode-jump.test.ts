import { beforeAll, describe, expect, it } from "vitest";
import { patchState, sandboxHarness } from "@/scripts/vitest/sandbox";
import { createWorld, type World } from "@/scripts/vitest/wechat";
import { platformForTenant } from "@/lib/platforms";
import { qrJumpAvailable, qrJumpPageData, saveQrJumpRule } from "./qrcode-jump";

/** What the QR-jump tab reads, in the console's words, against the sandbox over HTTP. */

const sandbox = sandboxHarness();
let w: World;
beforeAll(async () => {
  w = await createWorld(sandbox, { nickname: "读取店" });
});

describe("the QR-jump tab's reads", () => {
  it("shows the feature off, 100 publishes left and no rules before the first rule; then the rule in the console's words", async () => {
    const empty = await qrJumpPageData(w.tenant.id, {});
    expect(empty.board).toEqual({ ok: true, value: { open: false, rules: [], publishesLeft: 100 } });
    expect(empty.hasLiveVersion).toBe(false);

    const platform = await platformForTenant(w.tenant);
    const prefix = "https://read.qr-console.cn/qr/";
    await saveQrJumpRule(platform, { prefix, path: "pages/index/index", scope: "release", exclusive: true, debugUrls: [`${prefix}1`] }, false);
    await patchState(w.tenant.appid, (s) => ({ ...s, online: { appVersion: 1, userVersion: "1.0.0", userDesc: "", commitTime: 1, releasedAt: 2, auditid: 3 } }));
    const data = await qrJumpPageData(w.tenant.id, {});
    expect(data.board).toEqual({
      ok: true,
      value: { open: true, publishesLeft: 100, rules: [{ prefix, path: "pages/index/index", scope: "release", exclusive: true, debugUrls: [`${prefix}1`], published: false }] },
    });
    expect(data.hasLiveVersion).toBe(true);
  });

  it("answers the pages' refusal on its own when no code was uploaded, leaving the rules readable", async () => {
    const data = await qrJumpPageData(w.tenant.id, {});
    expect(data.board.ok).toBe(true);
    expect(data.pages).toMatchObject({ ok: false, refusal: { code: expect.any(Number) } });
  });

  it("offers the tab on WeChat", () => {
    expect(qrJumpAvailable("wechat")).toBe(true);
  });
});
