import { describe, expect, it, vi } from "vitest";
import { inLocale, signInAs, translate } from "@/scripts/vitest/actions";
import { GET as csv } from "./csv/route";
import { GET as items } from "./items/route";
import { GET as status } from "./status/route";

vi.mock("@/lib/auth/session", async () => (await import("@/scripts/vitest/actions")).sessionModule);
vi.mock("next-intl/server", async () => (await import("@/scripts/vitest/actions")).intlServerModule);

/** The job routes' gate, before the engine is asked: signed-out visitors and malformed ids. */

const JOB = "6f1c2a70-3d55-4c1e-9a0e-2b8f7d7c1a11";
const call = (route: typeof csv, jobId: string, path = "status") => route(new Request(`http://console.test/jobs/${jobId}/${path}`), { params: Promise.resolve({ jobId }) });

describe("job routes", () => {
  it("refuse someone signed out with 401 and nothing of the job", async () => {
    inLocale("en");
    await signInAs(null);
    for (const [route, path] of [[status, "status"], [items, "items"], [csv, "csv"]] as const) {
      const res = await call(route, JOB, path);
      expect(res.status, path).toBe(401);
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(await res.json()).toEqual({ error: translate("errors.signedOut"), code: null });
    }
  });

  it("answer 404 in the operator's language for an id that is not a job id, to any role", async () => {
    inLocale("zh-CN");
    await signInAs("viewer");
    for (const [route, path] of [[status, "status"], [items, "items"], [csv, "csv"]] as const) {
      const res = await call(route, "42; drop table bulk_jobs", path);
      expect(res.status, path).toBe(404);
      expect(await res.json()).toEqual({ error: translate("jobs.errors.notFound"), code: null });
    }
  });
});
