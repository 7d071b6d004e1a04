import { describe, expect, it } from "vitest";
import { AUDIT_STATES } from "@/lib/vocab";
import { AUDIT_STATUSES } from "./schemas/audit";
import { auditStateOf, eventOf, grayPlanRunning } from "./states";

/** WeChat's audit numbers and push kinds in the console's vocabulary (lib/vocab.ts, lib/platforms/port.ts). */

describe("audit status → state", () => {
  it.each([
    [0, "approved"],
    [1, "rejected"],
    [2, "auditing"],
    [3, "withdrawn"],
    [4, "delayed"],
  ] as const)("maps %i to %s", (status, state) => {
    expect(auditStateOf(status)).toBe(state);
  });

  it("maps every documented status, and reaches every state but 'none' (no audit at all: latestAudit() is null)", () => {
    expect(new Set(AUDIT_STATUSES.map(auditStateOf))).toEqual(new Set(AUDIT_STATES.filter((s) => s !== "none")));
  });

  it.each([5, -1, 1.5, Number.NaN])("refuses the unknown status %s", (status) => {
    expect(() => auditStateOf(status)).toThrow(/unknown WeChat audit status/);
  });

  it("reads a gray plan as holding a version while running or paused only", () => {
    expect([0, 1, 2, 3, 4].map(grayPlanRunning)).toEqual([false, true, true, false, false]);
  });
});

describe("push → event", () => {
  const at = { CreateTime: "1700000000" };
  const when = new Date(1700000000 * 1000);

  it("a verify ticket", () => {
    expect(eventOf("component_verify_ticket", { ...at, ComponentVerifyTicket: "ticket@@@x" }, null)).toEqual({ type: "ticket", ticket: "ticket@@@x", createdAt: when });
    expect(eventOf("component_verify_ticket", { ComponentVerifyTicket: "t" }, null)).toMatchObject({ createdAt: null });
  });

  it("an authorization and its update", () => {
    const fields = { ...at, AuthorizerAppid: "wxa1", AuthorizationCode: "queryauthcode@@@c" };
    expect(eventOf("authorized", fields, null)).toEqual({ type: "authorized", authorizerAppid: "wxa1", authorizationCode: "queryauthcode@@@c", change: "authorized" });
    expect(eventOf("updateauthorized", { AuthorizerAppid: "wxa1" }, null)).toEqual({ type: "authorized", authorizerAppid: "wxa1", authorizationCode: null, change: "updated" });
  });

  it("a revoked authorization", () => {
    expect(eventOf("unauthorized", { ...at, AuthorizerAppid: "wxa1" }, null)).toEqual({ type: "unauthorized", authorizerAppid: "wxa1" });
  });

  it("an audit approved, rejected (reason and screenshots) or delayed (reason only)", () => {
    const decided = { ...at, Reason: "信息不完整", ScreenShot: "m1| m2 |" };
    expect(eventOf("weapp_audit_success", decided, "wxa1")).toEqual({ type: "audit", authorizerAppid: "wxa1", state: "approved", reason: null, screenshots: [], at: when });
    expect(eventOf("weapp_audit_fail", decided, "wxa1")).toEqual({ type: "audit", authorizerAppid: "wxa1", state: "rejected", reason: "信息不完整", screenshots: ["m1", "m2"], at: when });
    expect(eventOf("weapp_audit_delay", decided, "wxa1")).toEqual({ type: "audit", authorizerAppid: "wxa1", state: "delayed", reason: "信息不完整", screenshots: [], at: when });
  });

  it("an unknown kind is ignored, named", () => {
    expect(eventOf("wxa_nickname_audit", at, "wxa1")).toEqual({ type: "ignored", kind: "wxa_nickname_audit" });
    // Inherited object keys are not kinds either.
    expect(eventOf("constructor", at, "wxa1")).toEqual({ type: "ignored", kind: "constructor" });
  });

  it("refuses pushes that lack what their kind needs", () => {
    expect(() => eventOf("component_verify_ticket", at, null)).toThrow(/ComponentVerifyTicket/);
    expect(() => eventOf("authorized", at, null)).toThrow(/AuthorizerAppid/);
    expect(() => eventOf("unauthorized", at, null)).toThrow(/AuthorizerAppid/);
    expect(() => eventOf("weapp_audit_success", at, null)).toThrow(/authorizer appid/);
  });
});
