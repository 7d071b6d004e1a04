"use server";

import { z } from "zod";
import { defineAction, ActionError } from "@/lib/actions";
import { defineTenantAction, tenantInput } from "@/lib/actions/tenant";
import { commitForTenant, ExtJsonRefusedError } from "@/lib/console/commits";
import { deletePreset, savePreset } from "@/lib/console/presets";
import { uploadStatusFor } from "@/lib/console/audits-upload";

/** The Code tab's commit part: upload a template with this tenant's ext_json; the team's ext_json presets. */

// The editor's text is bounded so a pasted file cannot fill the history; ext_json is configuration, not content.
const EXT_JSON_MAX = 64_000;

const commitInput = tenantInput.extend({
  templateId: z.coerce.number("validation.required").int("validation.invalid").positive("validation.required"),
  userVersion: z.string().trim().max(64, "validation.tooLong").optional().default(""),
  userDesc: z.string().trim().max(500, "validation.tooLong").optional().default(""),
  extJson: z.string().max(EXT_JSON_MAX, "validation.tooLong"),
});

/**
 * Commit: the server renders and checks the ext_json again (lib/console/commits.ts), so what the browser showed is
 * never trusted; a refused check names its line, a platform refusal its code and meaning.
 */
export const commitAction = defineTenantAction({ role: "operator", schema: commitInput }, async (input, { user, t, tenant, platform }) => {
  try {
    const row = await commitForTenant(tenant, platform, input, { actorId: user.id });
    return { id: row.id, userVersion: row.userVersion, name: tenant.nickname || tenant.appid };
  } catch (error) {
    if (!(error instanceof ExtJsonRefusedError)) throw error;
    const first = error.issues[0]!;
    const problem = t(`commit.check.${first.key}` as never, first.values as never);
    throw new ActionError("commit.errors.extJsonProblem", { extJson: "validation.invalid" }, { count: error.issues.length, line: first.line, column: first.column, problem });
  }
});

const presetInput = z.object({
  name: z.string().trim().min(1, "validation.required").max(80, "validation.tooLong"),
  extJson: z.string().max(EXT_JSON_MAX, "validation.tooLong"),
  overwrite: z.union([z.boolean(), z.literal("true"), z.literal("false")]).optional().transform((v) => v === true || v === "true"),
});

export const savePresetAction = defineAction({ role: "operator", schema: presetInput }, async (input, { user }) => {
  const row = await savePreset(input, user.id);
  return { id: row.id, name: row.name };
});

export const deletePresetAction = defineAction({ role: "operator", schema: z.object({ id: z.uuid("validation.invalid") }) }, async ({ id }) => {
  await deletePreset(id);
  return { id };
});

/**
 * Where the last upload stands (Baidu takes one in a few seconds after answering): polled by the Code and Audit tabs
 * while it is processing. A plain viewer read: a tenant action would revalidate the pages every few seconds.
 */
export const uploadStatusAction = defineAction({ role: "viewer", schema: tenantInput }, async ({ tenantId }, { user }) => uploadStatusFor(tenantId, user.id));
