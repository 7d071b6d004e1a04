import type { Locale } from "@/lib/vocab";
import en from "./messages/en.json";
import zh from "./messages/zh-CN.json";
import auditEn from "./messages/audit.en.json";
import auditZh from "./messages/audit.zh-CN.json";
import commitEn from "./messages/commit.en.json";
import commitZh from "./messages/commit.zh-CN.json";
import qrJumpEn from "./messages/qrcode-jump.en.json";
import qrJumpZh from "./messages/qrcode-jump.zh-CN.json";
import templatesEn from "./messages/templates.en.json";
import templatesZh from "./messages/templates.zh-CN.json";
import tenantEn from "./messages/tenant.en.json";
import tenantZh from "./messages/tenant.zh-CN.json";
import historyEn from "./messages/history.en.json";
import historyZh from "./messages/history.zh-CN.json";
import quotaEn from "./messages/quota.en.json";
import quotaZh from "./messages/quota.zh-CN.json";
import jobsEn from "./messages/jobs.en.json";
import jobsZh from "./messages/jobs.zh-CN.json";
import fleetEn from "./messages/fleet.en.json";
import fleetZh from "./messages/fleet.zh-CN.json";
import baiduEn from "./messages/baidu.en.json";
import baiduZh from "./messages/baidu.zh-CN.json";
import baiduPagesEn from "./messages/baidu-pages.en.json";
import baiduPagesZh from "./messages/baidu-pages.zh-CN.json";
import jobsWizardEn from "./messages/jobs-wizard.en.json";
import jobsWizardZh from "./messages/jobs-wizard.zh-CN.json";

/**
 * Every message of the console, per language: the shell's catalog (messages/<locale>.json) plus one pair of files per
 * feature (messages/<feature>.<locale>.json, one top-level namespace each), so features grow without touching one
 * shared file. Pure: the server loads it per request (lib/i18n/request.ts); tests read it.
 */

type Catalog = Record<string, unknown>;

/** Feature catalogs, each `{ en, "zh-CN" }` with a single namespace of its own. */
const FEATURES: Record<Locale, Catalog>[] = [
  { en: commitEn, "zh-CN": commitZh },
  { en: templatesEn, "zh-CN": templatesZh },
  { en: auditEn, "zh-CN": auditZh },
  { en: tenantEn, "zh-CN": tenantZh },
  { en: qrJumpEn, "zh-CN": qrJumpZh },
  { en: historyEn, "zh-CN": historyZh },
  { en: quotaEn, "zh-CN": quotaZh },
  { en: jobsEn, "zh-CN": jobsZh },
  { en: fleetEn, "zh-CN": fleetZh },
  { en: baiduEn, "zh-CN": baiduZh },
  { en: baiduPagesEn, "zh-CN": baiduPagesZh },
  { en: jobsWizardEn, "zh-CN": jobsWizardZh },
];

function merged(locale: Locale): Catalog {
  const out: Catalog = { ...(locale === "en" ? en : zh) };
  for (const feature of FEATURES) {
    for (const [namespace, messages] of Object.entries(feature[locale])) {
      // Two features claiming one namespace would silently hide each other's messages.
      if (Object.hasOwn(out, namespace)) throw new Error(`i18n namespace "${namespace}" is defined twice`);
      out[namespace] = messages;
    }
  }
  return out;
}

export const CATALOGS: Record<Locale, Catalog> = { en: merged("en"), "zh-CN": merged("zh-CN") };
