import "server-only";
import type { AuditProfile } from "@/lib/console/audit-profiles";
import { tenantFacts } from "@/lib/console/commits";
import type { TemplateRow } from "@/lib/console/templates";
import { withTenantHealth } from "@/lib/console/tokens-health";
import type { Tenant } from "@/lib/db/schema";
import { prepareExtJson } from "@/lib/ext-json/prepare";
import { variablesOf } from "@/lib/ext-json/render";
import { capabilitiesOf, platformForTenant } from "@/lib/platforms";
import { codeManagementGranted } from "@/lib/platforms/permissions";
import { PlatformError, type Capabilities, type TenantPlatform } from "@/lib/platforms/port";
import { isUnderReview, type JobKind, type Platform } from "@/lib/vocab";
import { mapDraft, tenantCategories } from "./audit-draft";
import type { JobParams } from "./params";
import type { IneligibleReason, Meaning } from "./types";

/**
 * Whether one tenant can take part in a job, and why not: first what the console knows (authorization, grant, another
 * job holding it, the ext_json rendered with its variables), then what only the platform can say (an audit under
 * review, nothing approved, no roll-out to cancel…). Reads change nothing on the platform.
 */

export type Check = {
  reason: IneligibleReason | null;
  detail: Record<string, string | number> | null;
  code: number | null;
  meaning: Meaning | null;
  /** Commit and pipeline: the ext_json as it would be sent, or why not. */
  extJson?: { text: string | null; error: string | null };
};

export type CheckContext = {
  kind: JobKind;
  params: JobParams[JobKind];
  platformOf: (accountId: string) => Platform;
  busy: Set<string>;
  template: (accountId: string) => Promise<TemplateRow | null>;
  profile: AuditProfile | null;
  actorId: string | null;
};

const ok: Check = { reason: null, detail: null, code: null, meaning: null };
const no = (reason: IneligibleReason, detail: Check["detail"] = null): Check => ({ reason, detail, code: null, meaning: null });

function commitPart(ctx: CheckContext): JobParams["commit"] | null {
  if (ctx.kind === "commit") return ctx.params as JobParams["commit"];
  if (ctx.kind === "pipeline") return (ctx.params as JobParams["pipeline"]).commit;
  return null;
}

async function extJsonCheck(tenant: Tenant, ctx: CheckContext): Promise<Check | null> {
  const commit = commitPart(ctx);
  if (!commit) return null;
  const template = await ctx.template(tenant.accountId);
  const prepared = prepareExtJson(commit.extJson, variablesOf(tenantFacts(tenant)), { platform: ctx.platformOf(tenant.accountId), kind: template?.kind, templatePages: template?.pages ?? null });
  if (prepared.ok) return { ...ok, extJson: { text: prepared.extJson, error: null } };
  const first = prepared.issues[0]!;
  const error = `extJson.check.${first.key}`;
  if (first.key === "unknownVariable") return { ...no("variableMissing", { name: first.values?.name ?? "" }), extJson: { text: null, error } };
  return { ...no("extJsonRefused", { key: first.key, line: first.line, column: first.column }), extJson: { text: null, error } };
}

/** Whether the last upload is still being taken in (platforms whose uploads land asynchronously). */
async function uploading(platform: TenantPlatform): Promise<boolean> {
  if (platform.capabilities.privacyCheck) return false;
  return (await platform.commitStatus()).state === "processing";
}

/** What only the platform can say, per kind. */
async function platformCheck(tenant: Tenant, platform: TenantPlatform, ctx: CheckContext): Promise<Check> {
  switch (ctx.kind) {
    case "submit":
    case "pipeline": {
      // A platform whose submission is a text (Baidu) has no categories or pages to map the profile onto.
      const items = platform.capabilities.auditItems;
      if (!items && !auditText(ctx)) return no("noAuditText");
      // The reads do not depend on each other: asked together, a tenant costs one round trip, not three.
      const [latest, categories, trial] = await Promise.all([
        platform.latestAudit(),
        ctx.profile && items ? tenantCategories(tenant.id, platform) : Promise.resolve(null),
        ctx.kind === "submit" ? platform.versions().then((versions) => versions.find((v) => v.kind === "trial") ?? null) : Promise.resolve(null),
      ]);
      if (latest && isUnderReview(latest.state)) return no("alreadyAuditing", { auditid: latest.auditid });
      let pages: string[] | null = null;
      if (ctx.kind === "submit") {
        // An upload the platform is still taking in (Baidu) will be the trial: the submit step waits for it.
        if (!trial && !(await uploading(platform))) return no("noTrial");
        if (!items) return ok;
        pages = await platform.pages();
      } else {
        pages = (await ctx.template(tenant.accountId))?.pages ?? null;
      }
      if (!ctx.profile || !categories) return ok;
      const mapped = mapDraft(ctx.profile.draft, categories, pages);
      return mapped.ok ? ok : no(mapped.reason, mapped.detail);
    }
    case "release": {
      const latest = await platform.latestAudit();
      return latest?.state === "approved" ? ok : no("nothingApproved");
    }
    case "gray": {
      const { percentage } = ctx.params as JobParams["gray"];
      const plan = await platform.grayPlan();
      const rolling = plan.state === "running" || plan.state === "paused";
      if (rolling && plan.percentage >= percentage) return no("grayWouldGoDown", { current: plan.percentage, asked: percentage });
      if (rolling) return ok;
      const latest = await platform.latestAudit();
      return latest?.state === "approved" ? ok : no("nothingApproved");
    }
    case "cancel_gray": {
      const plan = await platform.grayPlan();
      return plan.state === "running" || plan.state === "paused" ? ok : no("notLive");
    }
    case "visit_status": {
      // Opening or closing applies to the released version: without one the platform refuses (85021).
      const live = (await platform.versions()).find((v) => v.kind === "live");
      return live ? ok : no("notLive");
    }
    case "rollback": {
      const live = (await platform.versions()).find((v) => v.kind === "live");
      return live ? ok : no("notLive");
    }
    default:
      return ok;
  }
}

const READS: ReadonlySet<JobKind> = new Set(["submit", "pipeline", "release", "gray", "cancel_gray", "rollback", "visit_status"]);

/** The capability a kind needs (a pipeline ending in a gray step needs gray release); null: every platform has it. */
function neededCapability(ctx: CheckContext): keyof Capabilities | null {
  switch (ctx.kind) {
    case "gray":
    case "cancel_gray":
      return "grayRelease";
    case "visit_status":
      return "visitStatus";
    case "base_library":
      return "supportVersion";
    case "pipeline":
      return (ctx.params as JobParams["pipeline"]).after === "gray" ? "grayRelease" : null;
    default:
      return null;
  }
}

/** The audit description a text submission would send: the job's content, else the profile's version description. */
function auditText(ctx: CheckContext): string {
  const submit = ctx.kind === "submit" ? (ctx.params as JobParams["submit"]) : ctx.kind === "pipeline" ? (ctx.params as JobParams["pipeline"]).submit : null;
  return submit?.content || ctx.profile?.draft.versionDesc.trim() || "";
}

export async function checkTenant(tenant: Tenant, ctx: CheckContext): Promise<Check> {
  if (tenant.status !== "authorized") return no("needsReauth", { status: tenant.status });
  if (!codeManagementGranted(ctx.platformOf(tenant.accountId), tenant.permissionSets)) return no("noCodeManagement");
  if (ctx.busy.has(tenant.id)) return no("busy");
  const needed = neededCapability(ctx);
  if (needed && !capabilitiesOf(ctx.platformOf(tenant.accountId))[needed]) return no("notSupported", { platform: ctx.platformOf(tenant.accountId) });
  const ext = await extJsonCheck(tenant, ctx);
  if (ext?.reason) return ext;
  if (!READS.has(ctx.kind)) return ext ?? ok;
  try {
    const platform = await platformForTenant(tenant, { actorId: ctx.actorId });
    const checked = await withTenantHealth(tenant, () => platformCheck(tenant, platform, ctx));
    return { ...checked, extJson: ext?.extJson };
  } catch (error) {
    if (!(error instanceof PlatformError)) throw error;
    if (error.options.needsReauth) return no("needsReauth", { status: "needs_reauth" });
    return { reason: "unreadable", detail: null, code: error.code, meaning: error.meaning };
  }
}
