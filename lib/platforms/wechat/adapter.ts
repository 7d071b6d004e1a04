import "server-only";
import type { PlatformAccount, Tenant } from "@/lib/db/schema";
import { PlatformError, type AccountPlatform, type Audit, type CallContext, type Capabilities, type CodeVersion, type TenantPlatform } from "@/lib/platforms/port";
import { getAuthorizerClient, getComponentClient, type AuthorizerClient } from "./client";
import { permissionSetsOf } from "./schemas/auth";
import type { LatestAuditStatusAnswer } from "./schemas/audit";
import { auditStateOf, grayPlanRunning, splitScreenshots } from "./states";

/**
 * The WeChat adapter: the port's operations on WeChat's client, WeChat's numbers and fields mapped to the console's
 * words. Every error the client throws is a PlatformError already (code + meaning in both languages, class,
 * needsReauth with its evidence): the adapter passes them on, mapping values only.
 */

export const WECHAT_CAPABILITIES: Capabilities = {
  grayRelease: true,
  qrcodeJump: true,
  trialQrcode: true,
  privacyCheck: true,
  visitStatus: true,
  supportVersion: true,
  speedupAudit: true,
};

// get_latest_auditstatus on a mini-program that never submitted anything.
const NO_AUDIT = 85012;

const dateOf = (seconds: number | undefined) => (typeof seconds === "number" && seconds > 0 ? new Date(seconds * 1000) : null);

/** A status answer in the console's words: a reason only with a rejection or a delay, screenshots only with a rejection. */
function auditOf(auditid: number, answer: { status: number; reason: string; screenshot: string }): Omit<Audit, "userVersion" | "submittedAt"> {
  const state = auditStateOf(answer.status);
  return {
    auditid,
    state,
    reason: state === "rejected" || state === "delayed" ? answer.reason || null : null,
    screenshots: state === "rejected" ? splitScreenshots(answer.screenshot) : [],
  };
}

/** The newest submission, or null when the mini-program never submitted one. */
async function latestOf(client: AuthorizerClient): Promise<LatestAuditStatusAnswer | null> {
  try {
    return await client.getLatestAuditStatus();
  } catch (error) {
    if (error instanceof PlatformError && error.code === NO_AUDIT) return null;
    throw error;
  }
}

export function wechatTenantPlatform(tenant: Tenant, context: CallContext = {}): TenantPlatform {
  const client = getAuthorizerClient(tenant, context);
  return {
    platform: "wechat",
    capabilities: WECHAT_CAPABILITIES,
    tenantId: tenant.id,
    appid: tenant.appid,
    commit: async ({ templateId, extJson, userVersion, userDesc }) => {
      await client.commit({ template_id: templateId, ext_json: extJson, user_version: userVersion, user_desc: userDesc });
    },
    latestAudit: async () => {
      const a = await latestOf(client);
      if (!a) return null;
      return { ...auditOf(Number(a.auditid), a), userVersion: a.user_version || null, submittedAt: dateOf(a.submit_audit_time) };
    },
    // get_auditstatus answers neither the version nor the submission time.
    auditStatus: async (auditid) => ({ ...auditOf(auditid, await client.getAuditStatus({ auditid })), userVersion: null, submittedAt: null }),
    withdrawAudit: async () => void (await client.undoAudit()),
    speedupAudit: async (auditid) => void (await client.speedupAudit({ auditid })),
    release: async () => void (await client.release()),
    rollback: async () => void (await client.revertCodeRelease()),
    /**
     * getversioninfo holds the trial and the live version; the version under audit, and the approved one a running
     * or paused gray plan rolls out, are the newest submission's.
     */
    versions: async () => {
      const [info, latest, plan] = await Promise.all([client.getVersionInfo(), latestOf(client), client.getGrayReleasePlan()]);
      const out: CodeVersion[] = [];
      if (info.exp_info) {
        out.push({ kind: "trial", userVersion: info.exp_info.exp_version, userDesc: info.exp_info.exp_desc, committedAt: dateOf(info.exp_info.exp_time), templateId: null });
      }
      const state = latest ? auditStateOf(latest.status) : "none";
      const submitted = latest && { userVersion: latest.user_version, userDesc: latest.user_desc, committedAt: dateOf(latest.submit_audit_time), templateId: null };
      if (submitted && (state === "auditing" || state === "delayed")) out.push({ kind: "auditing", ...submitted });
      if (submitted && state === "approved" && grayPlanRunning(plan.gray_release_plan.status)) out.push({ kind: "gray", ...submitted });
      if (info.release_info) {
        const r = info.release_info;
        out.push({ kind: "live", userVersion: r.release_version, userDesc: r.release_desc, committedAt: dateOf(r.release_time), templateId: null });
      }
      return out;
    },
    setVisible: async (visible) => void (await client.changeVisitStatus({ action: visible ? "open" : "close" })),
    auditQuota: async () => {
      const q = await client.queryQuota();
      return { submitsLeft: q.rest, submitLimit: q.limit, speedupsLeft: q.speedup_rest, speedupLimit: q.speedup_limit };
    },
  };
}

export function wechatAccountPlatform(account: PlatformAccount, context: CallContext = {}): AccountPlatform {
  const client = getComponentClient(account, context);
  return {
    platform: "wechat",
    capabilities: WECHAT_CAPABILITIES,
    authorizationLinks: async ({ redirectUri, authType }) => {
      const link = (pre_auth_code: string, variant: "pc" | "h5") => client.authorizationUrl({ pre_auth_code, redirect_uri: redirectUri, auth_type: authType, variant });
      // A link that cannot come back (the real page refuses a non-https redirect) is refused before a code is spent.
      link("check", "pc");
      const { pre_auth_code, expires_in } = await client.createPreAuthCode();
      return { pcUrl: link(pre_auth_code, "pc"), h5Url: link(pre_auth_code, "h5"), expiresIn: expires_in };
    },
    tenantInfo: async (appid) => {
      const info = await client.getAuthorizerInfo({ authorizer_appid: appid });
      const a = info.authorizer_info;
      return {
        appid,
        nickname: a.nick_name,
        principalName: a.principal_name,
        avatarUrl: a.head_img || null,
        originalId: a.user_name ?? null,
        serviceType: a.service_type_info?.id ?? null,
        permissionSets: permissionSetsOf(info.authorization_info.func_info),
      };
    },
    listTemplates: async () => {
      const { template_list } = await client.getTemplateList();
      return template_list.map((t) => ({
        templateId: t.template_id,
        userVersion: t.user_version,
        userDesc: t.user_desc,
        createdAt: dateOf(t.create_time),
        sourceAppid: t.source_miniprogram_appid ?? null,
        kind: t.template_type === 1 ? ("standard" as const) : ("custom" as const),
      }));
    },
    grants: async ({ offset, count }) => {
      const page = await client.getAuthorizerList({ offset, count });
      return { total: page.total_count, grants: page.list.map((item) => ({ appid: item.authorizer_appid, grant: item.refresh_token })) };
    },
  };
}
