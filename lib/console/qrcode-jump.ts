import "server-only";
import { ExpectedError } from "@/lib/errors";
import { capabilitiesOf } from "@/lib/platforms";
import { PlatformError, type CallContext, type Platform, type QrJumpRule, type QrJumpRuleInput, type TenantPlatform } from "@/lib/platforms/port";
import { debugUrlsOutsideRule, isRulePrefix, QR_JUMP_DEBUG_URL_MAX } from "@/lib/validation/qrcode-jump-match";
import { withTenantPlatform } from "./audit-page";
import { refusalOf, type BoardPart } from "./versions";

/**
 * QR-jump rules of one tenant ("scanning an ordinary link's QR code opens the mini-program"). The rules the platform
 * would refuse for their shape (85066 prefix, 85068 test links, more than 5 test links, editing a published rule) are
 * refused here first, with the same matcher the form and the sandbox use, so the operator sees the field at fault
 * and nothing is sent. Everything else (85069 file, 85070 blacklist, 85072 taken, 85074 no release, 85076 filing…)
 * is the platform's to say and reaches the operator as its PlatformError (code + meaning).
 */

export { QR_JUMP_SCOPES } from "@/lib/platforms/port";

export const qrJumpAvailable = (platform: Platform) => capabilitiesOf(platform).qrcodeJump;

export type QrJumpBoard = { open: boolean; rules: QrJumpRule[]; publishesLeft: number };
export type QrJumpPageData = { board: BoardPart<QrJumpBoard>; pages: BoardPart<string[]>; hasLiveVersion: boolean | null };

async function part<T>(work: () => Promise<T>): Promise<BoardPart<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (error instanceof PlatformError) return { ok: false, refusal: refusalOf(error) };
    throw error;
  }
}

/** The tab's reads, each answered on its own: no trial code yet (get_page refused) still shows the rules. */
export function qrJumpPageData(tenantId: string, context: CallContext): Promise<QrJumpPageData> {
  return withTenantPlatform(tenantId, context, async (_tenant, platform) => {
    const [board, pages, versions] = await Promise.all([part(() => platform.qrJumpRules()), part(() => platform.pages()), part(() => platform.versions())]);
    return { board, pages, hasLiveVersion: versions.ok ? versions.value.some((v) => v.kind === "live") : null };
  });
}

/** Adds a rule, or edits the unpublished rule with the same prefix. */
export async function saveQrJumpRule(platform: TenantPlatform, rule: QrJumpRuleInput, edit: boolean): Promise<void> {
  if (!isRulePrefix(rule.prefix)) throw new ExpectedError("qrJump.errors.prefix", { prefix: "validation.qrJumpPrefix" });
  if (rule.debugUrls.length > QR_JUMP_DEBUG_URL_MAX) throw new ExpectedError("qrJump.errors.tooManyDebugUrls", { debugUrls: "validation.invalid" }, { max: QR_JUMP_DEBUG_URL_MAX });
  const outside = debugUrlsOutsideRule(rule.prefix, rule.debugUrls);
  if (outside.length > 0) {
    throw new ExpectedError("qrJump.errors.debugUrlOutside", { debugUrls: "validation.qrJumpDebugUrl" }, { url: rule.debugUrls[outside[0]!]!, prefix: rule.prefix });
  }
  if (edit) {
    const existing = (await platform.qrJumpRules()).rules.find((r) => r.prefix === rule.prefix);
    if (!existing) throw new ExpectedError("qrJump.errors.unknownRule", undefined, { prefix: rule.prefix });
    // The platform refuses it too (40097), without saying why.
    if (existing.published) throw new ExpectedError("qrJump.errors.publishedNotEditable", undefined, { prefix: rule.prefix });
  }
  await platform.saveQrJumpRule(rule, edit);
}

/** The file for the download route: the file, or the platform's refusal to show. */
export function verificationFileFor(tenantId: string, actorId: string): Promise<BoardPart<{ fileName: string; content: string }>> {
  return withTenantPlatform(tenantId, { actorId }, (_tenant, platform) => part(() => platform.qrJumpVerificationFile()));
}

export const publishQrJumpRule = (platform: TenantPlatform, prefix: string) => platform.publishQrJumpRule(prefix);
export const deleteQrJumpRule = (platform: TenantPlatform, prefix: string) => platform.deleteQrJumpRule(prefix);
