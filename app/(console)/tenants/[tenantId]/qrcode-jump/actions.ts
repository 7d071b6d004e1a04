"use server";

import { z } from "zod";
import { defineTenantAction, tenantInput } from "@/lib/actions/tenant";
import { deleteQrJumpRule, publishQrJumpRule, QR_JUMP_SCOPES, saveQrJumpRule } from "@/lib/console/qrcode-jump";
import { QR_JUMP_URL_MAX } from "@/lib/validation/qrcode-jump-match";

/**
 * The QR-jump tab's changes (lib/console/qrcode-jump). Operators and admins only; the console refuses a rule the
 * platform would refuse for its shape before sending, a platform refusal reaches the operator as code + meaning.
 */

const operator = { role: "operator" as const };
const url = z.string("validation.invalid").trim().min(1, "validation.required").max(QR_JUMP_URL_MAX, "validation.tooLong");
const prefixInput = tenantInput.extend({ prefix: url });

export const saveQrJumpRuleAction = defineTenantAction(
  {
    ...operator,
    schema: prefixInput.extend({
      path: z.string("validation.invalid").trim().min(1, "validation.required").max(1024, "validation.tooLong"),
      scope: z.enum(QR_JUMP_SCOPES, "validation.invalid"),
      exclusive: z.boolean("validation.invalid"),
      // The count is the console's rule (lib/console/qrcode-jump), so the operator reads why, not "invalid".
      debugUrls: z.array(url, "validation.invalid").max(50, "validation.invalid"),
      edit: z.boolean("validation.invalid"),
    }),
  },
  async ({ edit, tenantId: _tenantId, ...rule }, { platform }) => {
    await saveQrJumpRule(platform, rule, edit);
    return { prefix: rule.prefix };
  },
);

export const publishQrJumpRuleAction = defineTenantAction({ ...operator, schema: prefixInput }, async ({ prefix }, { platform }) => {
  await publishQrJumpRule(platform, prefix);
  return { prefix };
});

export const deleteQrJumpRuleAction = defineTenantAction({ ...operator, schema: prefixInput }, async ({ prefix }, { platform }) => {
  await deleteQrJumpRule(platform, prefix);
  return { prefix };
});
