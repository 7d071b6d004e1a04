import { describe, expect, it } from "vitest";
import { isPublicPath, safeCallbackPath } from "./config";
import { hasRole } from "./roles";

describe("callback paths after sign-in", () => {
  it("keeps same-site paths with their query", () => {
    expect(safeCallbackPath("/history?before=10")).toBe("/history?before=10");
    expect(safeCallbackPath("/admin/operators")).toBe("/admin/operators");
  });

  it.each(["https://evil.example/x", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", "", undefined, 42, "/login?x=1"])(
    "refuses %s",
    (value) => {
      expect(safeCallbackPath(value)).toBe("/");
    },
  );
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
