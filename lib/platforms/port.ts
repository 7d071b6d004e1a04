/**
 * The platform port: what the console asks of a platform (WeChat today, Baidu next), in the console's own terms.
 * Everything above an adapter (lib/console, server actions, jobs, pages) speaks these types only: no WeChat status
 * number, no Baidu errno, no platform-specific error class. Pure: the browser may import the types and states.
 *
 * An adapter (lib/platforms/<platform>/adapter.ts) implements `PlatformAdapter` for one platform account, maps the
 * platform's fields and numbers to the neutral vocabulary, normalizes its pushes into `PlatformEvent`s, and turns
 * every refusal into a `PlatformError`.
 */
import type { AuditState, Platform, VersionKind } from "@/lib/vocab";

export type { AuditState, Platform, VersionKind };
export type ErrorLocale = "zh-CN" | "en";

/** How a caller should react to a refusal (retry later, refresh a token, stop the job, fix the input…). */
export const ERROR_CLASSES = ["retryable", "token", "quota", "state", "input", "permission", "unknown"] as const;
export type ErrorClass = (typeof ERROR_CLASSES)[number];

/**
 * A platform refused a call, or could not be reached. `code` is the platform's own number (WeChat errcode, Baidu
 * errno) or null when there was no answer (network, timeout, HTTP 5xx, a body that is not the API's). `message` is
 * the catalog's meaning in both languages; `rawMessage` is what the platform said (history and support only, never
 * matched on). `needsReauth`: the authorization itself is gone; the platform reports it, the console marks the
 * tenant (lib/console/tokens-health.ts). `evidence` names the grant that was refused (an opaque digest the platform's
 * grant store can compare with what is stored now, never a secret): a refusal of a grant replaced meanwhile marks nothing.
 */
export class PlatformError extends Error {
  constructor(
    readonly platform: Platform,
    readonly code: number | null,
    readonly rawMessage: string,
    readonly meaning: Record<ErrorLocale, string>,
    readonly errorClass: ErrorClass,
    readonly options: { path?: string; needsReauth?: boolean; httpStatus?: number; evidence?: string } = {},
  ) {
    super(`${options.path ?? platform}: ${code ?? "no answer"} ${meaning.en}`);
    this.name = "PlatformError";
  }

  get retryable(): boolean {
    return this.errorClass === "retryable";
  }

  /** "85064 — The template library is full…" in the operator's language. */
  describe(locale: ErrorLocale): string {
    return this.code === null ? this.meaning[locale] : `${this.code} — ${this.meaning[locale]}`;
  }
}

/** What a platform can do; pages show only what applies (Baidu: no gray release, no QR-jump rules). */
export type Capabilities = {
  grayRelease: boolean;
  qrcodeJump: boolean;
  trialQrcode: boolean;
  privacyCheck: boolean;
  visitStatus: boolean;
  supportVersion: boolean;
  speedupAudit: boolean;
};

/** A tenant's audit as the console stores it. */
export type Audit = {
  auditid: number;
  state: AuditState;
  reason: string | null;
  screenshots: string[];
  userVersion: string | null;
  submittedAt: Date | null;
};

/** One code version on the platform (trial/auditing/live/gray). */
export type CodeVersion = { kind: VersionKind; userVersion: string; userDesc: string; committedAt: Date | null; templateId: number | null };

/** A push, normalized by the adapter; lib/console/events dispatches it. */
export type PlatformEvent =
  | { type: "ticket"; ticket: string; createdAt: Date | null }
  | { type: "authorized"; authorizerAppid: string; authorizationCode: string | null; change: "authorized" | "updated" }
  | { type: "unauthorized"; authorizerAppid: string }
  | { type: "audit"; authorizerAppid: string; state: AuditState; reason: string | null; screenshots: string[]; at: Date }
  | { type: "ignored"; kind: string };

/** Who the calls are for, for the history. */
export type CallContext = { actorId?: string | null; bulkJobId?: string | null };

/** A code template of the platform account (synced into the console's own table by the release-workflow pages). */
export type Template = { templateId: number; userVersion: string; userDesc: string; createdAt: Date | null; sourceAppid: string | null; kind: "standard" | "custom" };

/** The tenant's identity as the platform reports it at authorization. */
export type TenantInfo = {
  appid: string;
  nickname: string;
  principalName: string;
  avatarUrl: string | null;
  originalId: string | null;
  serviceType: number | null;
  permissionSets: number[];
};

/*
 * The operations, by concern. Each concern is one interface here and one file in each adapter (WeChat:
 * lib/platforms/wechat/adapter/<concern>.ts): a new operation goes in its concern's interface, in the console's terms.
 */

/** Authorization of tenants: links, what the platform says of a tenant, and the grants it holds. */
export interface AccountAuthorizationOps {
  /** A fresh one-time authorization page (PC link and mobile link) for onboarding. */
  authorizationLinks(options: { redirectUri: string; authType: 1 | 2 | 3 | 4 | 5 | 6 | 8 }): Promise<{ pcUrl: string; h5Url: string; expiresIn: number }>;
  tenantInfo(appid: string): Promise<TenantInfo>;
  /**
   * One page of the platform's current grants: what lets the console re-pull a grant it
   * lost (lib/console/tokens-health.ts). `grant` is the platform's long-lived credential for the tenant (WeChat: the
   * authorizer refresh token), a secret: stored encrypted, never shown.
   */
  grants(page: { offset: number; count: number }): Promise<{ total: number; grants: { appid: string; grant: string }[] }>;
}

/** The platform account's code templates (and the drafts they are made from). */
export interface AccountTemplateOps {
  listTemplates(): Promise<Template[]>;
}

/** The platform-level operations of one platform account (its own token). */
export interface AccountPlatform extends AccountAuthorizationOps, AccountTemplateOps {
  readonly platform: Platform;
  readonly capabilities: Capabilities;
}

/** Code: upload a template with the tenant's ext_json; what the uploaded code holds. */
export interface TenantCodeOps {
  /** Upload a template's code with the tenant's ext_json (a JSON string, as the platform wants). */
  commit(input: { templateId: number; extJson: string; userVersion: string; userDesc: string }): Promise<void>;
  /** The pages of the uploaded (trial) code, in app.json order. */
  pages(): Promise<string[]>;
}

/** Audits: submit, follow, withdraw, speed up; the platform's audit quota. */
export interface TenantAuditOps {
  /** The newest audit the platform knows of, or null when nothing was ever submitted. */
  latestAudit(): Promise<Audit | null>;
  auditStatus(auditid: number): Promise<Audit>;
  withdrawAudit(): Promise<void>;
  speedupAudit(auditid: number): Promise<void>;
  /** Monthly audit submissions and speed-ups, left of the limit. */
  auditQuota(): Promise<{ submitsLeft: number; submitLimit: number; speedupsLeft: number; speedupLimit: number }>;
}

/** Release: publish the approved version, roll back, what users may see. */
export interface TenantReleaseOps {
  release(): Promise<void>;
  rollback(): Promise<void>;
  setVisible(visible: boolean): Promise<void>;
}

/** The versions the platform holds. */
export interface TenantVersionOps {
  /** Versions the platform holds now (trial, under audit, live, and gray when the platform has it). */
  versions(): Promise<CodeVersion[]>;
}

/** Previews of the uploaded code (trial QR code). */
export interface TenantPreviewOps {
  /** The trial version's QR code image, opening `path` (page path with its query) or the home page. */
  trialQrcode(path?: string): Promise<{ contentType: string; bytes: Uint8Array }>;
}

/** Media: files uploaded for an audit, images the platform keeps (rejection screenshots). */
export interface TenantMediaOps {
  /**
   * A picture or video for an audit's preview (WeChat: png/jpeg/gif ≤ 2 MB, mp4 ≤ 10 MB, the kind follows the file
   * name). The id is what an audit submission names; WeChat keeps it 3 days.
   */
  uploadMedia(file: { name: string; type: string; bytes: Uint8Array }): Promise<{ mediaId: string; kind: "image" | "video" }>;
  /** An image the platform keeps for the tenant (an audit's rejection screenshots), as bytes with their type. */
  mediaImage(mediaId: string): Promise<{ contentType: string; bytes: Uint8Array }>;
}

/** The operations on one authorized tenant (its own token). */
export interface TenantPlatform extends TenantCodeOps, TenantAuditOps, TenantReleaseOps, TenantVersionOps, TenantPreviewOps, TenantMediaOps {
  readonly platform: Platform;
  readonly capabilities: Capabilities;
  readonly tenantId: string;
  readonly appid: string;
}
