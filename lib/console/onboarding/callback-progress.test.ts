// First: the fixtures bring the local server that is this file's APP_URL (the sandbox pushes there only).
import { authorize, deliver, tenantOf, world } from "@/scripts/vitest/events";
import { describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { createAuthorizer } from "@/lib/sandbox/registry";
import { sandboxCodes } from "@/lib/sandbox/schema";
import { inLocale, signInAs, translate } from "@/scripts/vitest/actions";
import { authorizationProgressAction } from "@/app/(console)/tenants/authorize/actions";
import { authorizationCodeHash } from "@/lib/console/ingress";
import { authorizationProgress, completeAuthorization } from ".";

vi.mock("@/lib/auth/session", async () => (await import("@/scripts/vitest/actions")).sessionModule);
vi.mock("next-intl/server", async () => (await import("@/scripts/vitest/actions")).intlServerModule);

/**
 * The callback page when the platform's `authorized` push spent the code before the redirect: the page renders at
 * once and the browser polls authorizationProgress with the code's hash until the push has stored the tenant.
 */

async function merchantAuthorizes() {
  const w = await world();
  const authorizer = await createAuthorizer({ componentAppid: w.platform.componentAppid, authorized: false, nickname: "回调轮询店" });
  const { authorizationCode } = await authorize(w, { mode: "existing", appid: authorizer.appid });
  return { w, authorizer, code: authorizationCode, hash: authorizationCodeHash(authorizationCode) };
}

describe("the callback does not wait during render", () => {
  it("a code the push spent but has not finished with: answered at once, with the code's hash (never the code) to poll", async () => {
    const { w, code, hash } = await merchantAuthorizes();
    // The push handler has exchanged the code and is still writing the tenant.
    await db.update(sandboxCodes).set({ usedAt: new Date() }).where(eq(sandboxCodes.code, code));

    const started = performance.now();
    const outcome = await completeAuthorization(w.account.id, code, null, "en");
    // Before: two loops of six looks, 500 ms apart (up to 5 s) inside the page's render.
    expect(performance.now() - started).toBeLessThan(1000);
    expect(outcome).toEqual({ kind: "alreadyExchanged", accountId: w.account.id, errcode: 61009, meaning: expect.any(String), codeHash: hash });
    expect(JSON.stringify(outcome)).not.toContain(code);
    expect(await authorizationProgress(w.account.id, hash)).toEqual({ tenant: null, recent: [] });
    await deliver(); // this push's own exchange now fails (the code is spent); out of the next test's way
  });

  it("the poll: nothing until the push with this code's hash is processed, then its tenant (only on that account)", async () => {
    const { w, authorizer, code, hash } = await merchantAuthorizes();
    expect(await authorizationProgress(w.account.id, hash)).toEqual({ tenant: null, recent: [] });

    expect(await deliver()).toBe(1);
    const stored = (await tenantOf(w, authorizer.appid))!;
    const progress = await authorizationProgress(w.account.id, hash);
    expect(progress.tenant).toEqual({
      id: stored.id,
      appid: authorizer.appid,
      nickname: "回调轮询店",
      principalName: stored.principalName,
      status: "authorized",
      permissionSets: stored.permissionSets,
      codeManagement: stored.permissionSets.includes(18),
    });
    expect(JSON.stringify(progress)).not.toMatch(/refresh|v1:/);
    const other = await world();
    expect((await authorizationProgress(other.account.id, hash)).tenant).toBeNull();

    // The redirect arriving after the push finished finds the tenant at once.
    expect(await completeAuthorization(w.account.id, code, null, "en")).toMatchObject({ kind: "onboarded", tenant: { id: stored.id } });
  });

  it("the poll action is an operator's, and takes a sha256, not a code", async () => {
    const { w, code, hash } = await merchantAuthorizes();
    inLocale("en");
    await signInAs("viewer");
    expect(await authorizationProgressAction({ accountId: w.account.id, codeHash: hash })).toEqual({ ok: false, error: translate("errors.forbidden") });
    await signInAs("operator");
    expect(await authorizationProgressAction({ accountId: w.account.id, codeHash: code })).toMatchObject({ ok: false, fieldErrors: { codeHash: [translate("validation.invalid")] } });
    expect(await authorizationProgressAction({ accountId: w.account.id, codeHash: hash })).toEqual({ ok: true, data: { tenant: null, recent: [] } });
  });
});
