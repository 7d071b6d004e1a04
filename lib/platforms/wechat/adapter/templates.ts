import "server-only";
import type { AccountTemplateOps } from "@/lib/platforms/port";
import type { ComponentClient } from "../client";
import { dateOf } from "./shared";

export function templateOps(client: ComponentClient): AccountTemplateOps {
  return {
    listTemplates: async () => {
      const { template_list } = await client.getTemplateList();
      return template_list.map((t) => ({
        templateId: t.template_id,
        userVersion: t.user_version,
        userDesc: t.user_desc,
        createdAt: dateOf(t.create_time),
        sourceAppid: t.source_miniprogram_appid ?? null,
        kind: t.template_type === 1 ? ("standard" as const) : ("custom" as const),
      }));
    },
  };
}
