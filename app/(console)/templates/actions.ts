"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions";
import { revalidatePaths } from "@/lib/actions/revalidate";
import { addDraftToTemplates, deleteTemplate, loadTemplateAccount, syncTemplates, syncTemplatesIfStale } from "@/lib/console/templates";

/**
 * Templates (one platform account's library): operators and above change it or force a refresh; any signed-in role
 * may ask for the background sync, which calls the platform only when the stored list is older than a few minutes.
 * A platform refusal (85064 not found, 85065 library full…) reaches the operator as "code — meaning" (defineAction).
 */

const PAGE = "/templates";
const id = z.coerce.number("validation.invalid").int("validation.invalid").min(0, "validation.invalid");
const accountInput = z.object({ accountId: z.uuid("validation.invalid") });

export const refreshTemplatesAction = defineAction({ role: "operator", schema: accountInput }, async ({ accountId }, { user }) => {
  const account = await loadTemplateAccount(accountId);
  const { count } = await syncTemplates(account, { actorId: user.id });
  revalidatePaths(PAGE);
  return { count };
});

export const syncStaleTemplatesAction = defineAction({ role: "viewer", schema: accountInput }, async ({ accountId }, { user }) => {
  const synced = await syncTemplatesIfStale(await loadTemplateAccount(accountId), { actorId: user.id });
  if (synced) revalidatePaths(PAGE);
  return { synced };
});

export const addToTemplatesAction = defineAction(
  {
    role: "operator",
    schema: accountInput.extend({
      draftId: id,
      kind: z.enum(["custom", "standard"], "validation.invalid").default("custom"),
      // Baidu's template description (lib/console/templates.ts refuses more than 30 characters).
      userDesc: z.string().trim().max(200, "validation.tooLong").optional(),
    }),
  },
  async ({ accountId, draftId, kind, userDesc }, { user }) => {
    // A refusal re-read the list too (lib/console/templates.ts): the page re-renders either way.
    try {
      await addDraftToTemplates(await loadTemplateAccount(accountId), draftId, kind, { actorId: user.id }, userDesc);
    } finally {
      revalidatePaths(PAGE);
    }
    return { draftId };
  },
);

export const deleteTemplateAction = defineAction({ role: "operator", schema: accountInput.extend({ templateId: id }) }, async ({ accountId, templateId }, { user }) => {
  try {
    await deleteTemplate(await loadTemplateAccount(accountId), templateId, { actorId: user.id });
  } finally {
    revalidatePaths(PAGE);
  }
  return { templateId };
});
