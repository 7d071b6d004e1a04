import { describe, expect, it } from "vitest";
import { createAuthorizer, createPlatform } from "@/lib/sandbox/registry";
import { GET } from "./route";

const get = (appid: string) => GET(new Request(`http://localhost/sandbox/avatar/${appid}`), { params: Promise.resolve({ appid }) });

describe("sandbox avatars", () => {
  it("serves an SVG with the mini-program's first character, escaped", async () => {
    const platform = await createPlatform();
    const a = await createAuthorizer({ componentAppid: platform.componentAppid, nickname: "<晨光>花艺" });
    expect(a.headImg).toMatch(new RegExp(`/sandbox/avatar/${a.appid}$`));
    const res = await get(a.appid);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("image/svg+xml");
    const svg = await res.text();
    expect(svg).toContain(">&#60;</text>");
    expect(svg).not.toContain("<晨");
  });

  it("answers 404 for an unknown or malformed appid", async () => {
    expect((await get("wx0000000000000000")).status).toBe(404);
    expect((await get("../../etc/passwd")).status).toBe(404);
  });
});
