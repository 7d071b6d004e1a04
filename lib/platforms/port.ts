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
import type { AccountQuotaOps, TenantQuotaOps } from "./port-quota";
import type { TenantQrJumpOps } from "./port-qrcode-jump";
export * from "./port-quota";
export * from "./port-qrcode-jump";
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
    readonly options: { path?: string; needsReauth?: boolean; httpStatus?: number; evidence?: string; rid?: string } = {},
  ) {
    super(`${options.path ?? platform}: ${code ?? "no answer"} ${meaning.en}`);
    this.name = "PlatformError";
  }

  /** The platform's id of the refused request (WeChat: the errmsg's ` rid: …`), to look it up (`AccountQuotaOps.requestInfo`). */
  get rid(): string | null {
    return this.options.rid ?? null;
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
  /** A submission names pages and categories (WeChat's item_list); else it is a text (Baidu: content, remark) and no pages or categories are listed. */
  auditItems: boolean;
  /** The monthly audit quota is the account's (WeChat's queryquota); else each tenant's own (Baidu counts per smart program). */
  accountAuditQuota: boolean;
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

/** An upload waiting in the platform account's draft box, from which a template is made. */
export type TemplateDraft = {
  draftId: number;
  userVersion: string;
  userDesc: string;
  createdAt: Date | null;
  sourceAppid: string | null;
  sourceName: string | null;
  developer: string | null;
};

/** A code template of the platform account (synced into the console's own table by the release-workflow pages). */
export type Template = Omit<TemplateDraft, "draftId"> & { templateId: number; kind: "standard" | "custom" };

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
  /** How many templates the platform keeps at most; adding beyond it is refused by the platform. */
  readonly templateLimit: number;
  listTemplates(): Promise<Template[]>;
  drafts(): Promise<TemplateDraft[]>;
  /** A template of a draft (kept); `kind` "standard" where still offered; `userDesc` where taken (Baidu, ≤ 30), else ignored. */
  addDraftToTemplates(draftId: number, kind?: Template["kind"], userDesc?: string): Promise<void>;
  deleteTemplate(templateId: number): Promise<void>;
}

/** The platform-level operations of one platform account (its own token). */
export interface AccountPlatform extends AccountAuthorizationOps, AccountTemplateOps, AccountQuotaOps {
  readonly platform: Platform;
  readonly capabilities: Capabilities;
}

/**
 * Where the last commit stands. A platform may take an upload in asynchronously (Baidu: a few seconds, and it may
 * fail there); WeChat's commit has landed when it answers. `none`: no uploaded code.
 */
export type CommitStatus =
  | { state: "none" }
  | { state: "processing"; userVersion: string }
  | { state: "ready"; userVersion: string }
  | { state: "failed"; userVersion: string; reason: string | null };

/** Code: upload a template with the tenant's ext_json; what the uploaded code holds. */
export interface TenantCodeOps {
  /** Upload a template's code with the tenant's ext_json (a JSON string, as the platform wants). */
  commit(input: { templateId: number; extJson: string; userVersion: string; userDesc: string }): Promise<void>;
  /** Whether the last commit has landed (submitting waits for `ready`). */
  commitStatus(): Promise<CommitStatus>;
  /** The pages of the uploaded (trial) code, in app.json order. */
  pages(): Promise<string[]>;
}

/** One level of a category the tenant may publish in (the platform's id and its name, both kept: profiles are mapped by name). */
export type CategoryLevel = { id: number; name: string };
/** A category granted to the tenant, two or three levels deep. */
export type Category = { first: CategoryLevel; second: CategoryLevel; third: CategoryLevel | null };

/** What the platform's privacy scan of the uploaded code found; `scanning` while it still runs (submitting waits). */
export type PrivacyScan =
  | { scanning: true }
  | { scanning: false; withoutPermission: string[]; withoutConfiguration: string[] };

/** One page declared for review: where it is, the category it belongs to, its tags and title. */
export type AuditItemInput = { page: string | null; category: Category; tags: string[]; title: string | null };

/**
 * A submission for review. `ugc` declares user-generated content by the documented codes: `scenes` 0 none,
 * 1 profile, 2 images, 3 videos, 4 text, 5 audio; `methods` 1 the platform's security API, 2 another product,
 * 3 manual review, 4 none (words for them: lib/validation/audit-submission.ts). `feedbackMedia`, `previewPictures` and
 * `previewVideos` are media ids uploaded beforehand. `privacyApiNotUse`: the operator confirms the APIs the scan
 * lists as not configured are not used.
 */
export type AuditSubmission = {
  items: AuditItemInput[];
  versionDesc: string | null;
  orderPath: string | null;
  feedbackInfo: string | null;
  feedbackMedia: string[];
  previewPictures: string[];
  previewVideos: string[];
  ugc: { scenes: number[]; otherSceneDesc: string | null; methods: number[]; hasAuditTeam: boolean; auditDesc: string | null } | null;
  privacyApiNotUse: boolean;
};

/** Audits: submit, follow, withdraw, speed up; the platform's audit quota. */
export interface TenantAuditOps {
  /** The categories the tenant may choose for its pages. */
  categories(): Promise<Category[]>;
  /** The privacy scan of the uploaded (trial) code. */
  privacyInfo(): Promise<PrivacyScan>;
  /** Submits the trial version for review; answers the new audit's id. */
  submitAudit(submission: AuditSubmission): Promise<{ auditid: number }>;
  /** The newest audit the platform knows of, or null when nothing was ever submitted. */
  latestAudit(): Promise<Audit | null>;
  auditStatus(auditid: number): Promise<Audit>;
  withdrawAudit(): Promise<void>;
  speedupAudit(auditid: number): Promise<void>;
  /** Monthly audit submissions and speed-ups, left of the limit. */
  auditQuota(): Promise<{ submitsLeft: number; submitLimit: number; speedupsLeft: number; speedupLimit: number }>;
}

/** A gray (phased) roll-out plan's state: never set up, rolling out, paused, done (everyone has it), cancelled. */
export const GRAY_PLAN_STATES = ["initial", "running", "paused", "finished", "cancelled"] as const;
export type GrayPlanState = (typeof GRAY_PLAN_STATES)[number];

/**
 * The gray plan. `membersFirst`: the project's members (developers, WeChat's "debuggers") get the version first;
 * `testersFirst`: the trial testers ("experiencers") get it first.
 */
export type GrayPlan = { state: GrayPlanState; percentage: number; membersFirst: boolean; testersFirst: boolean; createdAt: Date | null };

/** A released version the platform keeps and can roll back to (newest first, at most a handful). */
export type ReleasedVersion = { appVersion: number; userVersion: string; userDesc: string; committedAt: Date | null };

/** The minimum base library users need, and the share of users per base-library version (percent, ascending by version). */
export type BaseLibrary = { minimum: string; shares: { version: string; percentage: number }[] };

/** Release: publish the approved version, roll out gradually, roll back, what users may see. */
export interface TenantReleaseOps {
  release(): Promise<void>;
  /** Without `appVersion`: back to the previous released version; with it, to that kept version. */
  rollback(appVersion?: number): Promise<void>;
  /** The versions a rollback may go back to. */
  releasedVersions(): Promise<ReleasedVersion[]>;
  setVisible(visible: boolean): Promise<void>;
  /** Whether users can open the live version (false: the operator closed it). */
  visible(): Promise<boolean>;
  grayPlan(): Promise<GrayPlan>;
  /** Start or widen the roll-out of the approved version to `percentage` % of users (100 = everyone). */
  grayRelease(input: { percentage: number; membersFirst: boolean; testersFirst: boolean }): Promise<void>;
  /** Cancel the running roll-out: gray users fall back to the live version. */
  cancelGray(): Promise<void>;
}

/** The versions the platform holds. */
export interface TenantVersionOps {
  /** Versions the platform holds now (trial, under audit, live, and gray when the platform has it). */
  versions(): Promise<CodeVersion[]>;
  baseLibrary(): Promise<BaseLibrary>;
  setMinimumBaseLibrary(version: string): Promise<void>;
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
export interface TenantPlatform
  extends TenantCodeOps,
    TenantAuditOps,
    TenantReleaseOps,
    TenantVersionOps,
    TenantPreviewOps,
    TenantMediaOps,
    TenantQrJumpOps,
    TenantQuotaOps {
  readonly platform: Platform;
  readonly capabilities: Capabilities;
  readonly tenantId: string;
  readonly appid: string;
}
