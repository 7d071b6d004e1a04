/**
 * Test helpers for the sandbox (vitest only; never imported by the app). Tests talk to the emulator over real HTTP,
 * exactly as the console's client does, and obtain tokens through the platform's own flow:
 *
 *   const sandbox = sandboxHarness();                         // starts/stops the server around the file's tests
 *   const { authorizer, token } = await sandbox.authorizerWithToken();
 *   const templateId = await insertTemplate(authorizer.componentAppid, { pages: ["index"] });
 *   const { body } = await sandbox.call("/wxa/commit", { token, body: { … } });
 */
import { afterAll, beforeAll } from "vitest";
import { eq } from "drizzle-orm";
import { decode } from "jpeg-js";
import jsQR from "jsqr";
import { db } from "../../lib/db/client";
import { startSandboxServer, type SandboxServer } from "./sandbox-server";
import { enqueueTicketPush } from "../../lib/sandbox/push";
import { createAuthorizer, createPlatform, type NewAuthorizer } from "../../lib/sandbox/registry";
import type { AuthorizerRow, PlatformRow } from "../../lib/sandbox/router";
import { sandboxPlatforms, sandboxTemplates } from "../../lib/sandbox/schema";
import { mutateState } from "../../lib/sandbox/state";
import { setTemplatePrivacyApis } from "../../lib/sandbox/code-privacy";
import type { AuthorizerCodeState } from "../../lib/sandbox/types";

export type CallInit = {
  /** Default POST. */
  method?: string;
  /** A string is sent as is (to test malformed bodies); anything else as JSON; undefined sends no body. */
  body?: unknown;
  token?: string;
  /** Default `access_token` (the new documents' name for every call); the router accepts the older names too. */
  tokenParam?: "access_token" | "component_access_token" | "authorizer_access_token";
  query?: Record<string, string>;
};
export type JsonAnswer = { status: number; headers: Headers; body: Record<string, unknown> };

export type SandboxHarness = {
  /** `http://127.0.0.1:<port>/sandbox/wechat`, the stand-in for https://api.weixin.qq.com. */
  readonly wechatBase: string;
  /** The raw response (binary answers such as get_qrcode). */
  fetch(path: string, init?: CallInit): Promise<Response>;
  /** The response parsed as JSON (every error and every JSON answer). */
  call(path: string, init?: CallInit): Promise<JsonAnswer>;
  /** A new platform that has received a component_verify_ticket. */
  platformWithTicket(): Promise<PlatformRow>;
  componentToken(platform: PlatformRow): Promise<string>;
  authorizerToken(platform: PlatformRow, authorizer: AuthorizerRow, componentToken?: string): Promise<string>;
  /** A platform, an authorizer of it (registry defaults, overridable) and an authorizer_access_token. */
  authorizerWithToken(input?: Omit<NewAuthorizer, "componentAppid">): Promise<{ platform: PlatformRow; authorizer: AuthorizerRow; token: string }>;
};

/** Registers beforeAll/afterAll in the calling test file and returns helpers bound to that file's server. */
export function sandboxHarness(): SandboxHarness {
  let server: SandboxServer | undefined;
  beforeAll(async () => {
    server = await startSandboxServer();
  });
  afterAll(async () => {
    await server?.close();
  });
  const base = () => {
    if (!server) throw new Error("sandboxHarness(): the server starts in beforeAll; call helpers from tests or hooks");
    return server.wechatBase;
  };

  const fetchRaw = (path: string, init: CallInit = {}) => {
    const url = new URL(base() + path);
    for (const [k, v] of Object.entries(init.query ?? {})) url.searchParams.set(k, v);
    if (init.token) url.searchParams.set(init.tokenParam ?? "access_token", init.token);
    const body = init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body);
    return fetch(url, { method: init.method ?? "POST", body });
  };

  const call = async (path: string, init: CallInit = {}): Promise<JsonAnswer> => {
    const res = await fetchRaw(path, init);
    const text = await res.text();
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw new Error(`${path}: expected JSON, got ${res.headers.get("content-type")} (${text.slice(0, 80)})`);
    }
    return { status: res.status, headers: res.headers, body };
  };

  const expectString = (answer: JsonAnswer, key: string): string => {
    const value = answer.body[key];
    if (typeof value !== "string") throw new Error(`expected ${key} in ${JSON.stringify(answer.body)}`);
    return value;
  };

  const harness: SandboxHarness = {
    get wechatBase() {
      return base();
    },
    fetch: fetchRaw,
    call,
    async platformWithTicket() {
      const platform = await createPlatform();
      await enqueueTicketPush(platform.componentAppid);
      const [fresh] = await db.select().from(sandboxPlatforms).where(eq(sandboxPlatforms.componentAppid, platform.componentAppid));
      return fresh!;
    },
    async componentToken(p) {
      const answer = await call("/cgi-bin/component/api_component_token", {
        body: { component_appid: p.componentAppid, component_appsecret: p.componentAppsecret, component_verify_ticket: p.verifyTicket },
      });
      return expectString(answer, "component_access_token");
    },
    async authorizerToken(p, authorizer, componentToken) {
      const answer = await call("/cgi-bin/component/api_authorizer_token", {
        token: componentToken ?? (await harness.componentToken(p)),
        tokenParam: "component_access_token",
        body: { component_appid: p.componentAppid, authorizer_appid: authorizer.appid, authorizer_refresh_token: authorizer.refreshToken },
      });
      return expectString(answer, "authorizer_access_token");
    },
    async authorizerWithToken(input = {}) {
      const platform = await harness.platformWithTicket();
      const authorizer = await createAuthorizer({ ...input, componentAppid: platform.componentAppid });
      return { platform, authorizer, token: await harness.authorizerToken(platform, authorizer) };
    },
  };
  return harness;
}

/** A code template of `componentAppid` (what addtotemplate would create from a draft). Returns its template_id. */
export async function insertTemplate(
  componentAppid: string,
  input: { pages?: string[]; templateType?: 0 | 1; userVersion?: string; userDesc?: string; privacyApis?: string[] } = {},
): Promise<number> {
  const [row] = await db
    .insert(sandboxTemplates)
    .values({
      componentAppid,
      draftId: 0,
      templateType: input.templateType ?? 0,
      userVersion: input.userVersion ?? "V1.0",
      userDesc: input.userDesc ?? "sandbox template",
      sourceMiniprogramAppid: "wx0000000000000000",
      sourceMiniprogram: "sandbox dev app",
      developer: "sandbox",
      pages: input.pages ?? ["pages/index/index", "pages/list/list", "pages/detail/detail"],
    })
    .returning({ templateId: sandboxTemplates.templateId });
  if (input.privacyApis) await setTemplatePrivacyApis(row!.templateId, input.privacyApis);
  return row!.templateId;
}

/** Changes an authorizer's code state directly (e.g. to end a privacy scan or fake an online release). */
export async function patchState(appid: string, patch: (state: AuthorizerCodeState) => AuthorizerCodeState): Promise<AuthorizerCodeState> {
  return mutateState(appid, (state) => {
    const next = patch(state);
    return { state: next, result: next };
  });
}

/** Decodes a JPEG and reads the QR code in it, as a phone camera would; `pixel` gives one pixel's luminance. */
export function readQr(jpegBytes: Uint8Array): { text: string | null; width: number; height: number; pixel: (x: number, y: number) => number } {
  const image = decode(jpegBytes, { useTArray: true, formatAsRGBA: true });
  const code = jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), image.width, image.height);
  // The image is grey, so the red channel is the luminance.
  const pixel = (x: number, y: number) => image.data[(y * image.width + x) * 4]!;
  return { text: code?.data ?? null, width: image.width, height: image.height, pixel };
}
