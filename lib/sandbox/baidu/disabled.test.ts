import { describe, expect, it, vi } from "vitest";

// This file's sandbox is off, before lib/env.ts is first imported.
vi.stubEnv("SANDBOX", "0");

describe("with SANDBOX=0", () => {
  it("every Baidu sandbox path, the authorization page and the Baidu control surface answer 404", async () => {
    const { handleBaiduApi } = await import("./index");
    for (const path of [["public", "2.0", "smartapp", "auth", "tp", "token"], ["rest", "2.0", "oauth", "token"], ["mappconsole", "tp", "authorization"], ["anything"]]) {
      const res = await handleBaiduApi(new Request("http://localhost/sandbox/baidu/" + path.join("/")), path);
      expect(res.status).toBe(404);
    }
    const { handleSandboxControl } = await import("../control");
    const res = await handleSandboxControl(new Request("http://localhost/sandbox/control/baidu/state"), ["baidu", "state"]);
    expect(res.status).toBe(404);
  });
});
