import { describe, expect, it, vi } from "vitest";

// This file's sandbox is off, before lib/env.ts is first imported.
vi.stubEnv("SANDBOX", "0");

describe("with SANDBOX=0", () => {
  it("every sandbox API path answers 404", async () => {
    const { handleWechatApi } = await import("./index");
    for (const path of [["cgi-bin", "component", "api_component_token"], ["wxa", "commit"], ["anything"]]) {
      const res = await handleWechatApi(new Request("http://localhost/sandbox/wechat/" + path.join("/"), { method: "POST", body: "{}" }), path);
      expect(res.status).toBe(404);
    }
  });

  it("the control surface answers 404 too", async () => {
    const { handleSandboxControl } = await import("./control");
    const res = await handleSandboxControl(new Request("http://localhost/sandbox/control/state"), ["state"]);
    expect(res.status).toBe(404);
  });
});
