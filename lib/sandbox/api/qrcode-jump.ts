import "server-only";
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { keyedXactLock, sandboxLockKeys } from "@/lib/db/locks";
import { debugUrlsOutsideRule, isRulePrefix, linkMatchesRule, QR_JUMP_DEBUG_URL_MAX, ruleHost } from "@/lib/validation/qrcode-jump-match";
import { fail } from "../errors";
import type { RouteDef, SandboxContext } from "../router";
import { sandboxAuthorizers } from "../schema";
import { chinaMonth, mutateState } from "../state";
import type { AuthorizerCodeState, QrJumpRule } from "../types";
import { int, str } from "./params";

/**
 * "Scan an ordinary link QR code to open the mini-program" rules (reference §5), called with the authorizer's
 * token under permission set 3 or 18. Flow: add (state 1) → download the verification file and host it →
 * publish (state 2; needs a released version; monthly quota) → delete.
 *
 * What the sandbox cannot know (whether a host serves the verification file, the blacklist, the ICP register) comes
 * from its settings (`qrJump`, set on the control surface): 85069 on publish, 85070 and 85076 on add. 44990 counts
 * the qrcodejump* calls of each mini-program in this process over the last second.
 */

/** (assump. from the mini-program admin guide, not the API page) "一个小程序帐号可配置不多于100个二维码前缀规则". */
export const QR_RULE_LIMIT = 100;
// The official open range is 企业、媒体、政府及其他组织; personal accounts answer principal_name "个人".
const PERSONAL_PRINCIPAL = "个人";

const INVALID_ARGS = [40097, "invalid args"] as const;

/** A listed host covers its subdomains ("a.cn" lists "shop.a.cn"). */
const hostListed = (prefix: string, hosts: readonly string[]) => {
  const host = ruleHost(prefix);
  return host !== null && hosts.some((h) => host === h || host.endsWith(`.${h}`));
};

// Call times per mini-program over the last second. Per process: the sandbox runs in one server.
const recentCalls = new Map<string, number[]>();

/** 44990 when this call would be the (limit+1)th of the mini-program's qrcodejump* calls within a second. */
function rateLimit(ctx: SandboxContext) {
  const limit = ctx.settings.qrJump.requestsPerSecond;
  if (limit === 0) return;
  const appid = ctx.authorizer!.appid;
  const now = Date.now();
  const calls = (recentCalls.get(appid) ?? []).filter((at) => now - at < 1000);
  // A refused call is not counted: the limit lifts a second after the last accepted ones.
  if (calls.length >= limit) {
    recentCalls.set(appid, calls);
    fail(44990, "api freq out of limit");
  }
  calls.push(now);
  recentCalls.set(appid, calls);
}

/** 85070 and 85076: the checks the platform makes on the prefix's host when a rule is added or edited. */
function checkHost(ctx: SandboxContext, prefix: string) {
  if (hostListed(prefix, ctx.settings.qrJump.blacklistedHosts)) fail(85070, "url hit black list");
  if (hostListed(prefix, ctx.settings.qrJump.unfiledHosts)) fail(85076, "url has no icp filing");
}

/** 85066 when the prefix is not a rule the platform accepts (the shared rule: lib/validation/qrcode-jump-match.ts). */
function checkPrefix(prefix: string) {
  if (!isRulePrefix(prefix)) fail(85066, "invalid prefix");
}

function enumArg(body: Record<string, unknown>, key: string, allowed: number[], fallback?: number): number {
  const value = int(body, key, { required: fallback === undefined }) ?? fallback!;
  if (!allowed.includes(value)) fail(...INVALID_ARGS);
  return value;
}

function debugUrls(body: Record<string, unknown>, prefix: string): string[] {
  const value = body.debug_url ?? [];
  if (!Array.isArray(value) || !value.every((u) => typeof u === "string")) return fail(47001, "data format error");
  const urls = value as string[];
  if (urls.length > QR_JUMP_DEBUG_URL_MAX) fail(...INVALID_ARGS);
  if (debugUrlsOutsideRule(prefix, urls).length > 0) fail(85068, "debug url is not a sub url of the prefix");
  return urls;
}

function refusePersonal(ctx: SandboxContext) {
  if (ctx.authorizer!.principalName === PERSONAL_PRINCIPAL) fail(85075, "personal type mini program cannot set qrcode jump rules");
}

const rulesOf = (state: AuthorizerCodeState) => state.qrRules ?? [];

const publishesUsed = (state: AuthorizerCodeState, month: string) => (state.qrPublish?.month === month ? state.qrPublish.used : 0);

function ruleNamed(state: AuthorizerCodeState, body: Record<string, unknown>) {
  const prefix = str(body, "prefix", true)!;
  const rule = rulesOf(state).find((r) => r.prefix === prefix);
  // (assump.) An unknown prefix on delete/publish is "invalid args" (the code the OA-side pages list for bad input).
  if (!rule) fail(...INVALID_ARGS);
  return rule!;
}

export const qrcodeJumpRoutes: RouteDef[] = [
  {
    method: "POST",
    path: "/cgi-bin/wxopen/qrcodejumpadd",
    token: "authorizer",
    body: "json-required",
    envelope: "wxa",
    permissions: [3, 18],
    async handler(ctx) {
      rateLimit(ctx);
      refusePersonal(ctx);
      const prefix = str(ctx.body, "prefix", true)!;
      checkPrefix(prefix);
      // The documented example sends the numbers as strings ("1"); int() accepts both.
      const permitSubRule = enumArg(ctx.body, "permit_sub_rule", [1, 2]) as 1 | 2;
      const path = str(ctx.body, "path", true)!;
      const openVersion = enumArg(ctx.body, "open_version", [1, 2, 3]) as 1 | 2 | 3;
      const isEdit = enumArg(ctx.body, "is_edit", [0, 1], 0);
      const debug = debugUrls(ctx.body, prefix);
      checkHost(ctx, prefix);
      const rule: QrJumpRule = { prefix, permit_sub_rule: permitSubRule, path, open_version: openVersion, debug_url: debug, state: 1 };

      return mutateState(ctx.authorizer!.appid, async (state, authorizer, tx) => {
        const rules = rulesOf(state);
        const existing = rules.findIndex((r) => r.prefix === prefix);
        if (isEdit === 0 && existing >= 0) fail(85071, "prefix already added");
        // (assump.) Editing a rule that does not exist is invalid input; the OA-side page documents 40097 for
        // editing a published rule ("已经发布的规则,不支持修改"), and the mini-program side behaves the same.
        if (isEdit === 1 && (existing < 0 || rules[existing]!.state === 2)) fail(...INVALID_ARGS);

        // Prefixes are global across WeChat. One lock for all ownership checks, so two mini-programs adding the
        // same prefix at once cannot both win (each holds only its own row lock).
        await tx.execute(keyedXactLock(sandboxLockKeys.qrjumpPrefixes()));
        // Only rules on the same prefix chain can conflict: let the database pick those out.
        const related = (await tx.execute(sql`
          select r.value as rule from ${sandboxAuthorizers} a
          cross join lateral jsonb_array_elements(coalesce(a.state->'qrRules', '[]'::jsonb)) r
          where a.appid <> ${authorizer.appid}
            and (starts_with(${prefix}, r.value->>'prefix') or starts_with(r.value->>'prefix', ${prefix}))`)) as unknown as { rule: QrJumpRule }[];
        // Taken: the same prefix elsewhere (published or not, assump.), or inside another app's exclusive rule
        // ("占用所有子规则"), or (assump.) an exclusive rule that would swallow another app's existing rule.
        const taken = related.some(
          ({ rule: r }) =>
            r.prefix === prefix ||
            (Number(r.permit_sub_rule) === 2 && linkMatchesRule(r.prefix, prefix)) ||
            (permitSubRule === 2 && linkMatchesRule(prefix, r.prefix)),
        );
        if (taken) fail(85072, "prefix owned by other");

        const next = [...rules];
        if (existing >= 0) next[existing] = rule;
        else {
          if (rules.length >= QR_RULE_LIMIT) fail(85073, "qrcode jump rule list is full");
          next.push(rule);
        }
        // (assump.) The API has no switch: adding the first rule turns the feature on, and it stays on after the
        // rules are deleted (a live answer shows qrcodejump_open 1 with an empty rule_list).
        return { state: { ...state, qrRules: next, qrJumpOpen: 1 }, result: {} };
      });
    },
  },
  {
    method: "POST",
    path: "/cgi-bin/wxopen/qrcodejumpget",
    token: "authorizer",
    // Like the other "no parameter" POSTs, an empty body is 44002: the caller must send {}.
    body: "json-required",
    envelope: "wxa",
    permissions: [3, 18],
    async handler(ctx) {
      rateLimit(ctx);
      const state = ctx.authorizer!.state ?? {};
      const rules = rulesOf(state);
      const left = Math.max(0, ctx.settings.qrPublishMonthlyLimit - publishesUsed(state, chinaMonth()));
      return {
        rule_list: rules.map((r) => ({
          prefix: r.prefix,
          permit_sub_rule: r.permit_sub_rule,
          path: r.path,
          open_version: r.open_version,
          debug_url: r.debug_url,
          state: r.state,
        })),
        qrcodejump_open: state.qrJumpOpen ?? 0,
        list_size: rules.length,
        qrcodejump_pub_quota: left,
      };
    },
  },
  {
    method: "POST",
    path: "/cgi-bin/wxopen/qrcodejumpdownload",
    token: "authorizer",
    body: "json-required",
    envelope: "wxa",
    permissions: [3, 18],
    async handler(ctx) {
      rateLimit(ctx);
      // The real file is random per account and stable; derive it from the appid so it is the same every call.
      const digest = (label: string) => createHash("sha256").update(`sandbox-qrjump-${label}:${ctx.authorizer!.appid}`).digest("hex");
      return { file_name: `${digest("name").slice(0, 10)}.txt`, file_content: digest("content").slice(0, 32) };
    },
  },
  {
    method: "POST",
    path: "/cgi-bin/wxopen/qrcodejumpdelete",
    token: "authorizer",
    body: "json-required",
    envelope: "wxa",
    permissions: [3, 18],
    async handler(ctx) {
      rateLimit(ctx);
      return mutateState(ctx.authorizer!.appid, (state) => {
        const rule = ruleNamed(state, ctx.body);
        // Deleting a published rule is allowed (it is how a published rule gets changed) and gives no quota back.
        return { state: { ...state, qrRules: rulesOf(state).filter((r) => r !== rule) }, result: {} };
      });
    },
  },
  {
    method: "POST",
    path: "/cgi-bin/wxopen/qrcodejumppublish",
    token: "authorizer",
    body: "json-required",
    envelope: "wxa",
    permissions: [3, 18],
    async handler(ctx) {
      rateLimit(ctx);
      refusePersonal(ctx);
      return mutateState(ctx.authorizer!.appid, (state) => {
        const rule = ruleNamed(state, ctx.body);
        // Publishing makes the rule live for every user, who are sent to the released version: none → 85074.
        if (!state.online) fail(85074, "not published");
        // The platform fetches the verification file from the prefix's host when the rule goes live.
        if (hostListed(rule.prefix, ctx.settings.qrJump.hostsWithoutFile)) fail(85069, "check file failed");
        const month = chinaMonth();
        const used = publishesUsed(state, month);
        // (assump.) Every successful publish call counts, re-publishing an already published rule included.
        if (used >= ctx.settings.qrPublishMonthlyLimit) fail(886000, "reach monthly publish limit");
        const qrRules = rulesOf(state).map((r) => (r === rule ? { ...r, state: 2 as const } : r));
        return { state: { ...state, qrRules, qrPublish: { month, used: used + 1 } }, result: {} };
      });
    },
  },
];
