import { describe, expect, it } from "vitest";
import { authConfig, isPublicPath, safeCallbackPath } from "./config";
import { hasRole } from "./roles";

describe("callback paths after sign-in", () => {
  it("keeps same-site paths with their query", () => {
    expect(safeCallbackPath("/history?before=10")).toBe("/history?before=10");
    expect(safeCallbackPath("/admin/operators")).toBe("/admin/operators");
  });

  it("returns the resolved path, not the raw one", () => {
    expect(safeCallbackPath("/history/../account")).toBe("/account");
    expect(safeCallbackPath("/./history?x=1#frag")).toBe("/history?x=1");
  });

  it.each([
    "/.//evil.com",
    "/..//evil.com",
    "/%2e//evil.com",
    "/%2E%2E//evil.com",
    "/./\\evil.com",
    "/.\\/evil.com",
    "/%5cevil.com",
    "/%5C%5Cevil.com",
    "/%2f/evil.com",
    "/\t/evil.com",
    "/x/../..//evil.com/path?q=1",
  ])("refuses %s, which resolves off-site", (value) => {
    expect(safeCallbackPath(value)).toBe("/");
  });

  it.each(["https://evil.example/x", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", "", undefined, 42, "/login?x=1"])(
    "refuses %s",
    (value) => {
      expect(safeCallbackPath(value)).toBe("/");
    },
  );
});

describe("session token", () => {
  it("takes its session version from the sign-in only, never from a client's session update", () => {
    const jwt = authConfig.callbacks.jwt as unknown as (params: Record<string, unknown>) => Record<string, unknown>;
    const issued = jwt({ token: {}, user: { id: "u1", role: "viewer", sessionVersion: 3 }, trigger: "signIn" });
    expect(issued).toMatchObject({ id: "u1", role: "viewer", sv: 3 });
    // Auth.js' update() posts whatever the browser sends to /api/auth/session; it must not revive an old token.
    const updated = jwt({ token: { ...issued }, trigger: "update", session: { sv: 4, user: { sv: 4, role: "admin" } } });
    expect(updated).toMatchObject({ id: "u1", role: "viewer", sv: 3 });
  });
});

describe("roles", () => {
  it("orders viewer < operator < admin", () => {
    expect(hasRole("admin", "operator")).toBe(true);
    expect(hasRole("operator", "operator")).toBe(true);
    expect(hasRole("viewer", "operator")).toBe(false);
    expect(hasRole("operator", "admin")).toBe(false);
  });

  it("knows which paths are public", () => {
    expect(isPublicPath("/login")).toBe(true);
    expect(isPublicPath("/api/health")).toBe(true);
    expect(isPublicPath("/api/auth/session")).toBe(true);
    expect(isPublicPath("/loginx")).toBe(false);
    expect(isPublicPath("/admin/operators")).toBe(false);
    expect(isPublicPath("/")).toBe(false);
  });
});
