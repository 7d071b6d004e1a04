import type { TenantSelection } from "@/lib/jobs/params";
import type { JobKind, Platform } from "@/lib/vocab";

/**
 * The wizard's form as one draft covering every kind, and the parameters a kind takes from it (the shapes of
 * lib/jobs/params.ts; the server validates them). Pure.
 */

export type After = "none" | "release" | "gray";
export type Draft = {
  templateId: string;
  userVersion: string;
  userDesc: string;
  extJson: string;
  profileId: string;
  privacyApiNotUse: boolean;
  waitAudit: boolean;
  after: After;
  percentage: number;
  membersFirst: boolean;
  testersFirst: boolean;
  open: boolean;
  version: string;
};

export const DEFAULT_EXT_JSON = '{\n  "extAppid": "{{appid}}",\n  "ext": {\n    "name": "{{nickname}}"\n  }\n}';

export function initialDraft(options: { templateId?: number; profileId?: string }): Draft {
  return {
    templateId: options.templateId ? String(options.templateId) : "",
    userVersion: "",
    userDesc: "",
    extJson: DEFAULT_EXT_JSON,
    profileId: options.profileId ?? "",
    privacyApiNotUse: false,
    waitAudit: true,
    // A pipeline is how a version rolls out (commit, submit, release): the check and the start come before anything.
    after: "release",
    percentage: 10,
    membersFirst: false,
    testersFirst: false,
    open: true,
    version: "",
  };
}

const commitOf = (d: Draft) => ({ templateId: Number(d.templateId) || 0, userVersion: d.userVersion, userDesc: d.userDesc, extJson: d.extJson });
const submitOf = (d: Draft) => ({ profileId: d.profileId, privacyApiNotUse: d.privacyApiNotUse });
const grayOf = (d: Draft) => ({ percentage: d.percentage, membersFirst: d.membersFirst, testersFirst: d.testersFirst });

export function paramsFor(kind: JobKind, d: Draft): unknown {
  switch (kind) {
    case "commit":
      return commitOf(d);
    case "submit":
      return submitOf(d);
    case "pipeline":
      return { commit: commitOf(d), submit: submitOf(d), waitAudit: d.waitAudit, after: d.after, ...(d.after === "gray" ? { gray: grayOf(d) } : {}) };
    case "gray":
      return grayOf(d);
    case "visit_status":
      return { open: d.open };
    case "base_library":
      return { version: d.version };
    default:
      return {};
  }
}

/** Where a field's error comes back: a pipeline nests commit / submit / gray fields under their group. */
export const errorKey = (kind: JobKind, group: "commit" | "submit" | "gray" | null, field: string) =>
  kind === "pipeline" && group ? `${group}.${field}` : field;

/** Kinds whose start changes what users see at once: the start asks first. */
export function isDestructive(kind: JobKind, d: Draft): boolean {
  return kind === "release" || kind === "rollback" || kind === "cancel_gray" || (kind === "visit_status" && !d.open);
}

export type JobRequest = { kind: JobKind; params: unknown; selection: TenantSelection };

/** Identifies what a preflight checked: a change after it means checking again. */
export const requestKey = (r: JobRequest) => JSON.stringify(r);

export type TemplateGroup = { accountId: string; accountName: string; templates: { id: number; userVersion: string; userDesc: string }[] };
export type NamedOption = { id: string; name: string };
export type PresetChoice = { id: string; name: string; extJson: string };

/**
 * A platform account the selection covers (lib/console/tenant-selection.ts selectionAccounts): a template is asked
 * for each; `textSubmission`: its platform submits a text (content, remark) rather than pages and categories.
 */
export type WizardAccount = { accountId: string; name: string; platform: Platform; tenants: number; textSubmission: boolean };
