import "server-only";
import { QR_JUMP_SCOPES, type QrJumpScope, type TenantQrJumpOps } from "@/lib/platforms/port";
import type { AuthorizerClient } from "../client";

// WeChat's open_version: 1 develop, 2 trial, 3 release.
const scopeOf = (openVersion: number): QrJumpScope => QR_JUMP_SCOPES[openVersion - 1] ?? "release";
const openVersionOf = (scope: QrJumpScope) => (QR_JUMP_SCOPES.indexOf(scope) + 1) as 1 | 2 | 3;

export function qrJumpOps(client: AuthorizerClient): TenantQrJumpOps {
  return {
    qrJumpRules: async () => {
      const answer = await client.qrcodeJumpGet();
      return {
        open: answer.qrcodejump_open === 1,
        publishesLeft: answer.qrcodejump_pub_quota,
        rules: answer.rule_list.map((r) => ({
          prefix: r.prefix,
          path: r.path,
          scope: scopeOf(r.open_version),
          // permit_sub_rule 2: the rule takes every sub-rule.
          exclusive: r.permit_sub_rule === 2,
          debugUrls: r.debug_url,
          published: r.state === 2,
        })),
      };
    },
    saveQrJumpRule: async (rule, edit) => {
      await client.qrcodeJumpAdd({
        prefix: rule.prefix,
        path: rule.path,
        open_version: openVersionOf(rule.scope),
        permit_sub_rule: rule.exclusive ? 2 : 1,
        debug_url: rule.debugUrls,
        is_edit: edit ? 1 : 0,
      });
    },
    qrJumpVerificationFile: async () => {
      const answer = await client.qrcodeJumpDownload();
      return { fileName: answer.file_name, content: answer.file_content };
    },
    publishQrJumpRule: async (prefix) => {
      await client.qrcodeJumpPublish({ prefix });
    },
    deleteQrJumpRule: async (prefix) => {
      await client.qrcodeJumpDelete({ prefix });
    },
  };
}
