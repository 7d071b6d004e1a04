import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { operations } from "@/lib/db/schema";
import { recordOperation } from "./index";
import { REDACTED, redact, redactUrl } from "./redact";

describe("redaction", () => {
  it("removes tokens, secrets, tickets, keys and codes at any depth, keeping errcode and errmsg", () => {
    const out = redact({
      component_appsecret: "s3cret",
      component_verify_ticket: "ticket@@@x",
      authorizer_refresh_token: "refresh",
      authorization_code: "queryauthcode@@@x",
      EncodingAESKey: "k".repeat(43),
      AuthorizationCode: "queryauthcode@@@push",
      PreAuthCode: "preauthcode@@@push",
      AuthorizationCodeExpiredTime: 1700000000,
      nested: [{ access_token: "tok", appid: "wx123", errcode: 0, errmsg: "ok" }],
      url: "https://api.weixin.qq.com/wxa/commit?access_token=ACCESS&x=1",
    });
    expect(out).toEqual({
      component_appsecret: REDACTED,
      component_verify_ticket: REDACTED,
      authorizer_refresh_token: REDACTED,
      authorization_code: REDACTED,
      EncodingAESKey: REDACTED,
      AuthorizationCode: REDACTED,
      PreAuthCode: REDACTED,
      AuthorizationCodeExpiredTime: 1700000000,
      nested: [{ access_token: REDACTED, appid: "wx123", errcode: 0, errmsg: "ok" }],
      url: `https://api.weixin.qq.com/wxa/commit?access_token=${REDACTED}&x=1`,
    });
  });

  it("redacts tokens in query strings", () => {
    expect(redactUrl("/cgi-bin/x?component_access_token=abc&pre_auth_code=p")).toBe(
      `/cgi-bin/x?component_access_token=${REDACTED}&pre_auth_code=${REDACTED}`,
    );
  });
});

describe("operations history", () => {
  it("stores a redacted row and refuses updates and deletes", async () => {
    await recordOperation({ action: "test.call", request: { refresh_token: "rt", appid: "wx1" }, response: { errcode: 85009 }, errcode: 85009, ok: false, durationMs: 12.6 });
    const [row] = await db.select().from(operations);
    expect(row!.request).toEqual({ refresh_token: REDACTED, appid: "wx1" });
    expect(row!.errcode).toBe(85009);
    expect(row!.durationMs).toBe(13);
    const failure = (work: Promise<unknown>) =>
      work.then(
        () => "succeeded",
        (e: Error & { cause?: Error }) => `${e.message} ${e.cause?.message ?? ""}`,
      );
    expect(await failure(db.execute(sql`update operations set ok = true`))).toMatch(/append-only \(UPDATE refused\)/);
    expect(await failure(db.execute(sql`delete from operations`))).toMatch(/append-only \(DELETE refused\)/);
    const [again] = await db.select().from(operations);
    expect(again!.ok).toBe(false);
  });
});
