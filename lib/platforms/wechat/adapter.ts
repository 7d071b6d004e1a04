import "server-only";
import type { PlatformAccount, Tenant } from "@/lib/db/schema";
import { PlatformError, type AccountPlatform, type Audit, type CallContext, type Capabilities, type CodeVersion, type TenantPlatform } from "@/lib/platforms/port";
import { getAuthorizerClient, getComponentClient } from "./client";
import { asPlatformError, WeChatError } from "./errors/wechat-error";
import { permissionSetsOf } from "./schemas/auth";
import { auditStateOf, splitScreenshots } from "./states";

/**
 * The WeChat adapter: the port's operations on WeChat's client, WeChat's numbers and fields mapped to the console's
 * words, and every refusal raised as a PlatformError (code + meaning in both languages).
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

async function run<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw asPlatformError(error);
  }
}

const dateOf = (seconds: number | undefined) => (typeof seconds === "number" && seconds > 0 ? new Date(seconds * 1000) : null);

export function wechatTenantPlatform(tenant: Tenant, context: CallContext = {}): TenantPlatform {
  const client = getAuthorizerClient(tenant, context);
  return {
    platform: "wechat",
    capabilities: WECHAT_CAPABILITIES,
    tenantId: tenant.id,
    appid: tenant.appid,
    commit: ({ templateId, extJson, userVersion, userDesc }) =>
      run(async () => void (await client.commit({ template_id: templateId, ext_json: extJson, user_version: userVersion, user_desc: userDesc }))),
    latestAudit: () =>
      run(async (): Promise<Audit | null> => {
        try {
          const a = await client.getLatestAuditStatus();
          const state = auditStateOf(a.status);
          return {
            auditid: Number(a.auditid),
            state,
            reason: state === "rejected" || state === "delayed" ? a.reason || null : null,
            screenshots: state === "rejected" ? splitScreenshots(a.screenshot) : [],
            userVersion: a.user_version || null,
            submittedAt: dateOf(a.submit_audit_time),
          };
        } catch (error) {
          if (error instanceof WeChatError && error.errcode === NO_AUDIT) return null;
          throw error;
        }
      }),
    auditStatus: (auditid) =>
      run(async (): Promise<Audit> => {
        const a = await client.getAuditStatus({ auditid });
        const state = auditStateOf(a.status);
        return {
          auditid,
          state,
          reason: state === "rejected" || state === "delayed" ? a.reason || null : null,
          screenshots: state === "rejected" ? splitScreenshots(a.screenshot) : [],
          userVersion: null,
          submittedAt: null,
        };
      }),
    withdrawAudit: () => run(async () => void (await client.undoAudit())),
    speedupAudit: (auditid) => run(async () => void (await client.speedupAudit({ auditid }))),
    release: () => run(async () => void (await client.release())),
    rollback: () => run(async () => void (await client.revertCodeRelease())),
    versions: () =>
      run(async (): Promise<CodeVersion[]> => {
        const info = await client.getVersionInfo();
        const out: CodeVersion[] = [];
        if (info.exp_info) {
          out.push({ kind: "trial", userVersion: info.exp_info.exp_version, userDesc: info.exp_info.exp_desc, committedAt: dateOf(info.exp_info.exp_time), templateId: null });
        }
        if (info.release_info) {
          out.push({
            kind: "live",
            userVersion: info.release_info.release_version,
            userDesc: info.release_info.release_desc,
            committedAt: dateOf(info.release_info.release_time),
            templateId: null,
          });
        }
        return out;
      }),
    setVisible: (visible) => run(async () => void (await client.changeVisitStatus({ action: visible ? "open" : "close" }))),
    auditQuota: () =>
      run(async () => {
        const q = await client.queryQuota();
        return { submitsLeft: q.rest, submitLimit: q.limit, speedupsLeft: q.speedup_rest, speedupLimit: q.speedup_limit };
      }),
  };
}

export function wechatAccountPlatform(account: PlatformAccount, context: CallContext = {}): AccountPlatform {
  const client = getComponentClient(account, context);
  return {
    platform: "wechat",
    capabilities: WECHAT_CAPABILITIES,
    authorizationLinks: ({ redirectUri, authType }) =>
      run(async () => {
        const { pre_auth_code, expires_in } = await client.createPreAuthCode();
        const link = (variant: "pc" | "h5") => client.authorizationUrl({ pre_auth_code, redirect_uri: redirectUri, auth_type: authType, variant });
        return { pcUrl: link("pc"), h5Url: link("h5"), expiresIn: expires_in };
      }),
    tenantInfo: (appid) =>
      run(async () => {
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
      }),
    listTemplates: () =>
      run(async () => {
        const { template_list } = await client.getTemplateList();
        return template_list.map((t) => ({
          templateId: t.template_id,
          userVersion: String(t.user_version ?? ""),
          userDesc: String(t.user_desc ?? ""),
          createdAt: dateOf(typeof t.create_time === "number" ? t.create_time : undefined),
          sourceAppid: typeof t.source_miniprogram_appid === "string" ? t.source_miniprogram_appid : null,
          kind: t.template_type === 1 ? ("standard" as const) : ("custom" as const),
        }));
      }),
  };
}

export { PlatformError };
