"use server";

import { ActionError, defineAction } from "@/lib/actions";
import { env } from "@/lib/env";
import * as ops from "@/lib/sandbox/control-ops";
import { setQuota } from "@/lib/sandbox/control-quota";
import {
  auditDecisionSchema,
  clearFaultsSchema,
  emptySchema,
  faultSchema,
  latencySchema,
  platformSchema,
  pushTicketSchema,
  quotaSchema,
  seedSchema,
  settingsPatchSchema,
  unauthorizeSchema,
} from "@/lib/sandbox/control-schemas";

/**
 * The Sandbox page's actions: the same operations and schemas as the HTTP control surface (lib/sandbox/control.ts),
 * behind the action wrapper (admin only). The page re-reads the state through react-query after each one.
 */

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  // The page is hidden with the sandbox off, but an action id can still be posted directly.
  if (!env.SANDBOX) throw new ActionError("sandbox.errors.off");
  try {
    return await work();
  } catch (error) {
    if (error instanceof ops.ControlError) throw new ActionError(`sandbox.errors.${error.code}`);
    throw error;
  }
}

const admin = { role: "admin" } as const;

export const decideAuditAction = defineAction({ ...admin, schema: auditDecisionSchema }, (input) => guarded(() => ops.decide(input)));
export const unauthorizeAction = defineAction({ ...admin, schema: unauthorizeSchema }, (input) => guarded(() => ops.unauthorize(input)));
export const addFaultAction = defineAction({ ...admin, schema: faultSchema }, (input) =>
  guarded(async () => ({ id: (await ops.addFault(input)).id, path: input.path })),
);
export const clearFaultsAction = defineAction({ ...admin, schema: clearFaultsSchema }, (input) => guarded(() => ops.clearFaults(input)));
export const setLatencyAction = defineAction({ ...admin, schema: latencySchema }, (input) => guarded(() => ops.setLatency(input)));
export const updateSettingsAction = defineAction({ ...admin, schema: settingsPatchSchema }, (input) => guarded(() => ops.patchSettings(input)));
export const pushTicketAction = defineAction({ ...admin, schema: pushTicketSchema }, (input) => guarded(() => ops.pushTickets(input)));
export const seedAction = defineAction({ ...admin, schema: seedSchema }, (input) => guarded(() => ops.seed(input)));
export const addPlatformAction = defineAction({ ...admin, schema: platformSchema }, (input) =>
  guarded(async () => (await ops.addPlatform(input)).component_appid),
);
export const deliverAction = defineAction({ ...admin, schema: emptySchema }, () => guarded(() => ops.deliverNow()));
export const resetCountersAction = defineAction({ ...admin, schema: emptySchema }, () => guarded(() => ops.resetCounters()));
export const resetSandboxAction = defineAction({ ...admin, schema: emptySchema }, () => guarded(async () => (await ops.resetSandbox()).tables.length));
export const setQuotaAction = defineAction({ ...admin, schema: quotaSchema }, (input) => guarded(() => setQuota(input)));
