"use server";

import { z } from "zod";
import { defineTenantAction, tenantInput } from "@/lib/actions/tenant";
import { cancelGray, grayStep, releaseTenant, rollback, setMinBaseLibrary, setVisit } from "@/lib/console/releases";

/**
 * Release, gray roll-out, rollback, visit status and minimum base library of one mini-program (lib/console/releases).
 * Operators and admins only; a platform refusal reaches the operator as code + meaning.
 */

const operator = { role: "operator" as const };

export const releaseAction = defineTenantAction({ ...operator, schema: tenantInput }, async (_input, { platform }) => {
  await releaseTenant(platform);
  return { done: true };
});

export const grayAction = defineTenantAction(
  {
    ...operator,
    schema: tenantInput.extend({
      percentage: z.coerce.number("validation.invalid").int("validation.invalid").min(1, "validation.invalid").max(100, "validation.invalid"),
      membersFirst: z.boolean("validation.invalid"),
      testersFirst: z.boolean("validation.invalid"),
    }),
  },
  async ({ percentage, membersFirst, testersFirst }, { platform }) => {
    await grayStep(platform, percentage, { membersFirst, testersFirst });
    return { percentage };
  },
);

export const cancelGrayAction = defineTenantAction({ ...operator, schema: tenantInput }, async (_input, { platform }) => {
  await cancelGray(platform);
  return { done: true };
});

export const rollbackAction = defineTenantAction(
  // Baidu's one kept version is appVersion 0 (the previous online package); WeChat's are positive.
  { ...operator, schema: tenantInput.extend({ appVersion: z.number("validation.invalid").int("validation.invalid").min(0, "validation.invalid").optional() }) },
  async ({ appVersion }, { platform }) => {
    await rollback(platform, appVersion);
    return { appVersion: appVersion ?? null };
  },
);

export const visitAction = defineTenantAction({ ...operator, schema: tenantInput.extend({ open: z.boolean("validation.invalid") }) }, async ({ open }, { platform }) => {
  await setVisit(platform, open);
  return { open };
});

export const baseLibraryAction = defineTenantAction(
  { ...operator, schema: tenantInput.extend({ version: z.string("validation.invalid").trim().regex(/^\d+\.\d+\.\d+$/, "validation.invalid") }) },
  async ({ version }, { platform }) => {
    await setMinBaseLibrary(platform, version);
    return { version };
  },
);
