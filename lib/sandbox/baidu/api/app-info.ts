import type { BaiduAppRow } from "../registry";

/**
 * `/rest/2.0/smartapp/app/info` data (reference §8.2 field list). Values the emulator cannot know are fixed
 * (emulator choice); `audit_info` reflects the basic-information review flag the control surface sets
 * (audit_status 3 approved, 1 under review: emulator numbers). Pure.
 */
export function appInfo(app: BaiduAppRow) {
  return {
    app_id: app.appId,
    app_name: app.appName,
    app_key: app.appKey,
    app_desc: app.appDesc,
    photo_addr: app.photoAddr,
    qualification: { name: "沙盒科技有限公司", type: 1, status: app.principalVerified ? 1 : 0, ad_type: 0 },
    category: [{ category_id: 1, category_name: "工具", category_desc: "效率", audit_status: 3 }],
    audit_info: { audit_status: app.basicInfoApproved ? 3 : 1, audit_desc: app.basicInfoApproved ? "审核通过" : "审核中", audit_app_name: app.appName },
    modify_count: 0,
    auth_info: [
      { scope_name: "基础信息", type: 1 },
      { scope_name: "代码包管理", type: 1 },
    ],
    annual_review_info: {},
    app_offline_info: {},
    min_swan_version: "",
    status: app.status,
    web_status: 0,
  };
}
