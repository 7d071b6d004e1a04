import { describe, expect, it } from "vitest";
import { resultSteps, ridLookupHref } from "./action-result";

/** How every form and button of the console handles an action's result (lib/hooks/use-action.ts). */

const page = { toastErrors: true, settle: true };

describe("one way to handle an action's result", () => {
  it("a success: its toast, the form emptied when asked, the page re-read", () => {
    const created = { ok: true as const, data: { email: "a@example.com" } };
    expect(resultSteps(created, { success: (d) => `${d.email} can now sign in.`, reset: true }, page)).toEqual({
      toast: { kind: "success", text: "a@example.com can now sign in." },
      reset: true,
      settle: true,
    });
    expect(resultSteps(created, { success: () => "Saved." }, page)).toMatchObject({ reset: false });
    // Without a success text (the page shows the result, or leaves): no toast, still re-read.
    expect(resultSteps(created, {}, page)).toEqual({ toast: null, reset: false, settle: true });
  });

  it("a refusal: the error toasted, the fields kept, the page re-read (the refusal may have changed the tenant)", () => {
    const refused = { ok: false as const, error: "85019 — There is no approved version to release.", code: 85019 };
    expect(resultSteps(refused, { success: () => "Released.", reset: true }, page)).toEqual({
      toast: { kind: "error", text: "85019 — There is no approved version to release." },
      reset: false,
      settle: true,
    });
  });

  it("a validation failure: the error toasted, nothing re-read (nothing was done)", () => {
    const invalid = { ok: false as const, error: "Some fields need attention.", fieldErrors: { email: ["Enter a valid email address."] } };
    expect(resultSteps(invalid, { reset: true }, page)).toEqual({ toast: { kind: "error", text: "Some fields need attention." }, reset: false, settle: false });
  });

  it("a form that shows its errors in place and leaves on success (sign-in): no toast, no re-read", () => {
    const quiet = { toastErrors: false, settle: false };
    expect(resultSteps({ ok: false, error: "The email or password is not correct." }, {}, quiet)).toEqual({ toast: null, reset: false, settle: false });
    expect(resultSteps({ ok: true, data: null }, {}, quiet)).toEqual({ toast: null, reset: false, settle: false });
  });
});

describe("the look-up link of a refusal's rid", () => {
  it("names the tenant whose page the refusal came from, and only then", () => {
    const tenant = "0b6f3c1e-2a4d-4e5f-8a9b-0c1d2e3f4a5b";
    expect(ridLookupHref("0a1b2c3d-4e5f6a7b-8c9d0e1f", `/tenants/${tenant}/audit`)).toBe(`/quota?rid=0a1b2c3d-4e5f6a7b-8c9d0e1f&tenant=${tenant}#lookup`);
    expect(ridLookupHref("0a1b2c3d-4e5f6a7b-8c9d0e1f", "/templates")).toBe("/quota?rid=0a1b2c3d-4e5f6a7b-8c9d0e1f#lookup");
  });
});
