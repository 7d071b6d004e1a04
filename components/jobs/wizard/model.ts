import type { TenantSelection } from "@/lib/jobs/params";
import type { FieldErrors } from "@/lib/actions/result";
import type { JobKind, Platform } from "@/lib/vocab";

/**
 * The wizard's form as one draft covering every kind, and the parameters a kind takes from it (the shapes of
 * lib/jobs/params.ts; the server validates them). Pure.
 */

export type After = "none" | "release" | "gray";
export type Draft = {
  /** The template when the selection's accounts are not known (yet): one select over every account's templates. */
  templateId: string;
  /** The template chosen per platform account the selection covers (absent: that account's default). */
  templates: Record<string, string>;
  userVersion: string;
  userDesc: string;
  /** Null until edited: the default for the selection's platforms (defaultExtJson). */
  extJson: string | null;
  profileId: string;
  privacyApiNotUse: boolean;
  /** A text submission's audit description and note (Baidu); empty: the profile's. */
  content: string;
  remark: string;
  waitAudit: boolean;
  after: After;
  percentage: number;
  membersFirst: boolean;
  testersFirst: boolean;
  open: boolean;
  version: string;
};

export const DEFAULT_EXT_JSON = '{\n  "extAppid": "{{appid}}",\n  "ext": {\n    "name": "{{nickname}}"\n  }\n}';
/** Baidu merges an ext_json with the template only when it says so (`extEnable`, required); WeChat accepts the key too. */
export const DEFAULT_BAIDU_EXT_JSON = '{\n  "extEnable": true,\n  "extAppid": "{{appid}}",\n  "ext": {\n    "name": "{{nickname}}"\n  }\n}';

/** The ext_json a selection starts with: Baidu's shape as soon as it holds a Baidu smart program (valid on WeChat too). */
export const defaultExtJson = (accounts: readonly WizardAccount[] | null) => (accounts?.some((a) => a.platform === "baidu") ? DEFAULT_BAIDU_EXT_JSON : DEFAULT_EXT_JSON);

export function initialDraft(options: { templateId?: number; profileId?: string }): Draft {
  return {
    templateId: options.templateId ? String(options.templateId) : "",
    templates: {},
    userVersion: "",
    userDesc: "",
    extJson: null,
    profileId: options.profileId ?? "",
    privacyApiNotUse: false,
    content: "",
    remark: "",
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

/** What the parameters depend on besides the draft: the selection's accounts (null: not known yet) and their templates. */
export type WizardContext = { accounts: readonly WizardAccount[] | null; templates: readonly TemplateGroup[]; initialTemplateId?: number };

/** The template an account's select shows: the operator's choice, else the preselected one if it is the account's, else its first. */
export function templateChoice(d: Draft, accountId: string, ctx: WizardContext): string {
  const chosen = d.templates[accountId];
  if (chosen !== undefined) return chosen;
  const own = ctx.templates.find((g) => g.accountId === accountId)?.templates ?? [];
  const preset = own.find((tpl) => tpl.id === ctx.initialTemplateId) ?? own[0];
  return preset ? String(preset.id) : "";
}

/**
 * The commit's template fields: one account → `templateId`; several → a template per account (`templates`, an empty
 * choice sent as 0 so the server names that account's field) and `templateId` the first chosen.
 */
function templatesOf(d: Draft, ctx: WizardContext): { templateId: number; templates?: Record<string, number> } {
  const accounts = ctx.accounts ?? [];
  if (accounts.length === 0) return { templateId: Number(d.templateId) || 0 };
  const chosen = accounts.map((a) => [a.accountId, Number(templateChoice(d, a.accountId, ctx)) || 0] as const);
  if (chosen.length === 1) return { templateId: chosen[0]![1] };
  return { templateId: chosen.find(([, id]) => id > 0)?.[1] ?? 0, templates: Object.fromEntries(chosen) };
}

const commitOf = (d: Draft, ctx: WizardContext) => ({
  ...templatesOf(d, ctx),
  userVersion: d.userVersion,
  userDesc: d.userDesc,
  extJson: d.extJson ?? defaultExtJson(ctx.accounts),
});
const submitOf = (d: Draft) => ({ profileId: d.profileId, privacyApiNotUse: d.privacyApiNotUse, content: d.content, remark: d.remark });
const grayOf = (d: Draft) => ({ percentage: d.percentage, membersFirst: d.membersFirst, testersFirst: d.testersFirst });

export function paramsFor(kind: JobKind, d: Draft, ctx: WizardContext): unknown {
  switch (kind) {
    case "commit":
      return commitOf(d, ctx);
    case "submit":
      return submitOf(d);
    case "pipeline":
      return { commit: commitOf(d, ctx), submit: submitOf(d), waitAudit: d.waitAudit, after: d.after, ...(d.after === "gray" ? { gray: grayOf(d) } : {}) };
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
 * A platform account the selection covers (lib/console/tenant-selection.ts SelectionAccount, the same shape): a
 * template is asked for each; `textSubmission`: its platform submits a text (content, remark), not pages and categories.
 */
export type WizardAccount = { accountId: string; name: string; platform: Platform; tenants: number; textSubmission: boolean };

/** What every part of the parameters form gets. */
export type FormProps = {
  kind: JobKind;
  draft: Draft;
  onDraft: (patch: Partial<Draft>) => void;
  errors: FieldErrors | undefined;
  templates: TemplateGroup[];
  presets: PresetChoice[];
  profiles: NamedOption[];
  /** The platform accounts the selection covers; null while not known. */
  accounts: readonly WizardAccount[] | null;
  initialTemplateId?: number;
};

export const CHECKBOX = "size-4 accent-primary";
