/**
 * Error-code catalog data (pure, shared with the browser). Chinese text follows the seed documents where they
 * give one, otherwise WeChat's global return-code list (as mirrored by WxJava's WxOpenErrorMsgEnum), otherwise
 * the reference's description. Logic lives in ./errors.ts.
 *
 * Classes, and the choices behind them:
 * - retryable: transient; the same request may succeed later (system busy, short-window rate limits, the privacy
 *   scan after commit, a concurrent commit still running). Callers still must not blindly repeat commit.
 * - token: the access token sent with the call was rejected; fetch a fresh one and retry once.
 * - quota: a counted daily/monthly allowance is used up; stop until it resets (or is cleared).
 * - state: valid request, but the current state forbids it (audit running, nothing to release, list full…).
 * - input: the request or the configuration is wrong (params, ext_json, appid/secret, wrong token type).
 * - permission: a person must act — re-authorize, grant a permission set, whitelist an IP, publish the platform.
 *   61003, 61023 and 42007 are here rather than under "token": refreshing cannot fix them, only a new
 *   authorization by the merchant can.
 */

export type ErrorClass = "retryable" | "token" | "quota" | "state" | "input" | "permission" | "unknown";

export type ErrorEntry = { zh: string; en: string; class: ErrorClass };

export const ERROR_CATALOG: Record<number, ErrorEntry> = Object.freeze<Record<number, ErrorEntry>>({
  // ── General ────────────────────────────────────────────────────────────────────────────────────────────
  "-1": { class: "retryable", zh: "系统繁忙，此时请开发者稍候再试", en: "WeChat is busy (system error). Retry after a short wait." },
  40001: {
    class: "token",
    zh: "获取 access_token 时 AppSecret 错误，或者 access_token 无效。请开发者认真比对 AppSecret 的正确性，或查看是否正在为恰当的公众号调用接口",
    en: "The access token is invalid or no longer the latest (or the AppSecret is wrong). Refresh the token and retry once; if it persists, check the credentials and the token type.",
  },
  40005: { class: "input", zh: "上传素材文件格式不对", en: "The uploaded media file has an unsupported format (images: png/jpeg/jpg/gif; video: mp4)." },
  40006: { class: "input", zh: "上传素材文件大小超出限制", en: "The uploaded media file is too large (images up to 2 MB, video up to 10 MB)." },
  40013: { class: "input", zh: "不合法的 AppID", en: "Invalid AppID: check the appid sent and that it belongs to the token's account." },
  40014: {
    class: "token",
    zh: "不合法的 access_token，请开发者认真比对 access_token 的有效性（如是否过期），或查看是否正在为恰当的公众号调用接口",
    en: "The access token is malformed or not valid for this account. Get a fresh token and retry.",
  },
  40097: { class: "input", zh: "参数错误", en: "Invalid arguments: check the request parameters." },
  40125: { class: "input", zh: "不合法的 AppSecret，请检查 AppSecret 是否正确", en: "Invalid AppSecret: check the platform's AppSecret in the account settings." },
  40164: { class: "permission", zh: "调用接口的 IP 地址不在白名单中", en: "The calling server's IP address is not in the account's IP whitelist: add it in the WeChat console." },
  40170: { class: "input", zh: "参数数量超过限制（如 get_authorizer_list 的 count 超过 500）", en: "Too many items requested (for example count above 500 in get_authorizer_list)." },
  41001: { class: "token", zh: "缺少 access_token 参数", en: "The access_token parameter is missing: the call was sent without a token." },
  41002: { class: "input", zh: "缺少 appid 参数", en: "The appid parameter is missing." },
  41004: { class: "input", zh: "缺少 secret 参数", en: "The AppSecret parameter is missing." },
  41005: { class: "input", zh: "缺少多媒体文件数据，传输素材无视频或图片内容", en: "No media data: the upload contained no image or video." },
  41018: { class: "input", zh: "缺少 component_appid 参数", en: "The component_appid parameter is missing." },
  42001: { class: "token", zh: "access_token 超时，请检查 access_token 的有效期", en: "The access token has expired: refresh it and retry." },
  42007: {
    class: "permission",
    zh: "用户修改微信密码，access_token 和 refresh_token 失效，需要重新授权",
    en: "The administrator changed the account password, which revoked the access and refresh tokens: the merchant must authorize the mini-program again.",
  },
  43001: { class: "input", zh: "需要 GET 请求", en: "This API must be called with GET." },
  43002: { class: "input", zh: "需要 POST 请求", en: "This API must be called with POST." },
  43007: { class: "permission", zh: "需要授权方授权（require bizuser authorize）", en: "The account has not authorized the platform: the merchant must authorize it first." },
  44002: { class: "input", zh: "POST 的数据包为空", en: "Empty POST body: this API needs a JSON body (send {} when there are no parameters)." },
  44990: { class: "retryable", zh: "接口请求太快（超过每秒 5 次）", en: "Requests are too fast (more than 5 per second for this API): slow down and retry." },
  45009: {
    class: "quota",
    zh: "接口调用超过限制（reach max api daily quota limit）",
    en: "The daily call quota for this API is used up. Wait for the daily reset or clear the quota (clear_quota, 10 times per month).",
  },
  45011: { class: "retryable", zh: "API 调用太频繁，请稍候再试", en: "Per-minute frequency limit reached: retry in the next minute." },
  45035: { class: "permission", zh: "访问的客户端 IP 未登记，不在 IP 白名单中", en: "The client IP is not registered in the IP whitelist: add the server's IP in the platform settings." },
  45082: { class: "input", zh: "域名需要 ICP 备案", en: "The domain needs an ICP filing before it can be used." },
  47001: { class: "input", zh: "解析 JSON/XML 内容错误", en: "Malformed request body: the JSON/XML could not be parsed or a field has the wrong type." },
  48001: {
    class: "permission",
    zh: "api 功能未授权，请确认公众号/小程序已获得该接口",
    en: "The account may not use this API (not granted, or not available for this account type).",
  },
  48004: { class: "permission", zh: "api 接口被封禁，请登录 mp.weixin.qq.com 查看详情", en: "This API is banned for the account because of violations; see mp.weixin.qq.com for details." },
  48006: { class: "quota", zh: "api 禁止清零调用次数，因为清零次数达到上限", en: "The quota cannot be cleared: the limit of 10 clears per month has been reached." },

  // ── Authorization and platform tokens ──────────────────────────────────────────────────────────────────
  61003: {
    class: "permission",
    zh: "帐号未授权（该小程序未授权给第三方平台或已取消授权）",
    en: "The mini-program has not authorized this platform, or has revoked it: the merchant must authorize it again.",
  },
  61004: { class: "permission", zh: "访问的客户端 IP 未在第三方平台 IP 白名单中", en: "The server's IP address is not in the platform's IP whitelist: add it on the Open Platform console." },
  61005: {
    class: "state",
    zh: "component_verify_ticket 已过期",
    en: "The component_verify_ticket has expired: wait for the next push (every 10 minutes) or request one with api_start_push_ticket.",
  },
  61006: { class: "state", zh: "无效的 component_verify_ticket", en: "The component_verify_ticket is invalid: use the latest ticket pushed by WeChat." },
  61007: {
    class: "permission",
    zh: "接口未授权给第三方平台",
    en: "The merchant did not grant this API's permission set to the platform: ask them to authorize again with it selected.",
  },
  61009: { class: "input", zh: "无效的授权码", en: "The authorization code is invalid (mistyped or already used)." },
  61010: { class: "state", zh: "授权码已过期", en: "The authorization code has expired: the merchant must go through authorization again." },
  61011: { class: "input", zh: "无效的第三方平台", en: "Invalid component (platform) appid." },
  61012: { class: "input", zh: "无效的选项名称", en: "Invalid option name." },
  61013: { class: "input", zh: "无效的选项值", en: "Invalid option value." },
  61014: {
    class: "input",
    zh: "必须使用 component_access_token 调用第三方平台接口",
    en: "Wrong token type: platform (component) APIs need the component_access_token, not an authorizer token.",
  },
  61016: {
    class: "permission",
    zh: "接口所属权限集需要第三方平台确认",
    en: "The platform must first confirm this API's permission set on the Open Platform console.",
  },
  61023: {
    class: "permission",
    zh: "refresh_token 无效（授权已失效、已重新授权或刷新令牌错误）",
    en: "The refresh token is invalid: the merchant must authorize the mini-program again.",
  },
  61024: { class: "input", zh: "第三方平台帐号必须通过 api_component_token 获取令牌", en: "A platform account must obtain its token through api_component_token." },
  61025: { class: "input", zh: "只读选项，不可修改", en: "This option is read-only." },
  61028: {
    class: "permission",
    zh: "第三方平台未全网发布",
    en: "The platform is not fully published: only accounts in its test list can authorize it or be managed.",
  },

  // ── Privacy ────────────────────────────────────────────────────────────────────────────────────────────
  61031: { class: "state", zh: "该隐私接口已在申请中", en: "An application for this privacy API is already pending." },
  61032: { class: "input", zh: "视频格式错误，须为 mp4", en: "The video must be an mp4 file." },
  61034: { class: "input", zh: "缺少参数", en: "Required parameters are missing." },
  61035: { class: "state", zh: "该接口无需申请", en: "This API does not need an application." },
  61036: { class: "permission", zh: "不满足申请条件", en: "The account is not eligible to apply for this API." },
  61039: {
    class: "retryable",
    zh: "隐私接口检查任务未完成，请稍等一分钟再重试",
    en: "The privacy scan started by the last commit has not finished: wait about a minute and submit the audit again (do not commit again).",
  },
  61040: {
    class: "input",
    zh: "代码使用了地理位置等隐私接口，但未在 ext_json 的 requiredPrivateInfos 中声明，或该小程序没有对应接口权限",
    en: "The code uses location privacy APIs that are not declared in ext_json requiredPrivateInfos or not granted to this mini-program: declare or apply for them, or set privacy_api_not_use.",
  },
  86069: { class: "input", zh: "缺少 owner_setting（隐私保护指引的开发者信息）", en: "owner_setting is missing from the privacy settings." },
  86070: { class: "input", zh: "缺少 notice_method（通知方式）", en: "owner_setting.notice_method is missing." },
  86072: { class: "input", zh: "store_expire_timestamp 参数无效", en: "Invalid store_expire_timestamp." },
  86073: { class: "input", zh: "无效的 ext_file_media_id", en: "Invalid ext_file_media_id: upload the guide file with uploadprivacyextfile first." },
  86074: { class: "state", zh: "现网隐私保护指引不存在", en: "There is no live privacy guide for this mini-program yet." },
  86075: { class: "state", zh: "现网隐私保护指引的 ext_file_media_id 不可修改", en: "The custom guide file of the live privacy guide cannot be changed." },

  // ── getApiQuota ────────────────────────────────────────────────────────────────────────────────────────
  76003: { class: "input", zh: "cgi_path 格式错误", en: "Malformed cgi_path (it must start with / and contain no host)." },
  76021: { class: "input", zh: "cgi_path 填写错误", en: "Unknown cgi_path." },
  76022: {
    class: "input",
    zh: "当前调用凭证与该接口所属帐号不匹配",
    en: "The token does not belong to the account that owns this API (component token for platform APIs, authorizer token for mini-program APIs).",
  },

  // ── Templates and commit ───────────────────────────────────────────────────────────────────────────────
  "-60005": {
    class: "unknown",
    zh: "上传代码时返回的未公开错误（文档未给出说明）",
    en: "Undocumented error returned by commit; the documentation gives no meaning. Check the errmsg and retry later.",
  },
  80066: { class: "input", zh: "非法的插件版本", en: "Invalid plugin version in the configuration." },
  80067: { class: "input", zh: "找不到使用的插件", en: "A plugin used by the code was not found." },
  80082: { class: "permission", zh: "没有权限使用该插件", en: "The mini-program has no permission to use this plugin: add the plugin to the mini-program first." },
  85013: { class: "input", zh: "无效的自定义配置", en: "Invalid ext_json: it could not be parsed or contains an invalid path." },
  85014: { class: "input", zh: "无效的模板编号", en: "The template does not exist: pick one from the template library." },
  85043: { class: "input", zh: "模板错误", en: "The template is invalid." },
  85044: { class: "input", zh: "代码包超过大小限制", en: "The code package exceeds the size limit (2 MB per package, 20 MB in total)." },
  85045: { class: "input", zh: "ext_json 有不存在的路径", en: "ext_json refers to a path that does not exist in the template." },
  85046: { class: "input", zh: "tabBar 中缺少 path", en: "A tabBar item is missing its pagePath." },
  85047: { class: "input", zh: "pages 字段为空", en: "The pages list is empty." },
  85048: { class: "input", zh: "ext_json 解析失败", en: "ext_json could not be parsed: it must be a valid JSON string." },
  85064: { class: "input", zh: "找不到模板", en: "Template or draft not found." },
  85065: { class: "state", zh: "模板库已满", en: "The template library is full (200 templates): delete unused templates first." },
  85310: { class: "input", zh: "requiredPrivateInfos 的格式有问题或者 api 名称写错了", en: "requiredPrivateInfos is malformed or names an unknown API." },
  85311: { class: "input", zh: "requiredPrivateInfos 包含了互斥的 api", en: "requiredPrivateInfos lists mutually exclusive APIs (e.g. getFuzzyLocation and getLocation)." },
  85312: { class: "permission", zh: "requiredPrivateInfos 配置了没有权限的 api", en: "requiredPrivateInfos lists an API this mini-program is not permitted to use: apply for it first." },
  9402202: { class: "retryable", zh: "请勿频繁提交，待上一次操作完成后再提交", en: "A previous commit or submission is still being processed: wait for it to finish, then try again." },
  9402203: {
    class: "input",
    zh: "标准模板 ext_json 错误，传了不合法的参数（标准模板仅支持 extAppid、ext、window）",
    en: "Invalid ext_json for a standard template: only extAppid, ext and window are allowed.",
  },

  // ── Audit ──────────────────────────────────────────────────────────────────────────────────────────────
  85006: { class: "input", zh: "标签格式错误", en: "Invalid tags: use at most 10 space-separated tags of up to 20 characters each." },
  85007: { class: "input", zh: "页面路径错误", en: "Invalid page path: use a page returned by get_page." },
  85008: {
    class: "input",
    zh: "类目填写错误（当前小程序没有已经审核通过的类目，请添加类目成功后重试）",
    en: "Invalid category: the mini-program has no approved category matching the audit items. Use categories from get_category (add one first if there is none).",
  },
  85009: { class: "state", zh: "已经有正在审核的版本", en: "A version is already under audit: wait for the result or withdraw it (undocodeaudit) first." },
  85010: { class: "input", zh: "item_list 有项目为空", en: "An audit item is missing required fields." },
  85011: { class: "input", zh: "标题填写错误", en: "Invalid page title (at most 32 characters)." },
  85012: { class: "input", zh: "无效的审核 id", en: "Invalid audit id." },
  85023: { class: "input", zh: "审核列表填写的项目数不在 1-5 以内", en: "The audit item list must contain 1 to 5 items." },
  85051: { class: "input", zh: "version_desc 或者 preview_info 超限", en: "version_desc or preview_info is too large." },
  85077: {
    class: "state",
    zh: "小程序类目信息失效（类目中含有官方下架的类目，请重新选择类目）",
    en: "A category of the mini-program has been retired by WeChat: choose other categories and resubmit.",
  },
  85085: {
    class: "quota",
    zh: "近 7 天提交审核的小程序数量过多，请耐心等待审核完毕后再次提交（新版文档：提审数量已达本月上限）",
    en: "The platform's audit submission quota is used up (shared by all authorized mini-programs; see queryquota). Wait for running audits to finish or for the quota to reset.",
  },
  85086: { class: "state", zh: "提交代码审核之前需提前上传代码", en: "No code has been committed: commit a version before submitting it for audit." },
  85087: {
    class: "input",
    zh: "小程序已使用 api navigateToMiniProgram，请声明跳转 appid 列表后再次提交",
    en: "The code calls navigateToMiniProgram: declare navigateToMiniProgramAppIdList in ext_json and resubmit.",
  },
  85092: { class: "input", zh: "preview_info 格式错误", en: "Invalid preview_info format." },
  85093: { class: "input", zh: "preview_info 视频或者图片个数超限", en: "Too many images or videos in preview_info." },
  85094: { class: "input", zh: "需提供审核机制说明信息（ugc_declare）", en: "This category requires a UGC declaration (ugc_declare) on first audit." },
  86000: {
    class: "permission",
    zh: "不是由第三方代小程序进行调用",
    en: "This API must be called by the third-party platform on behalf of the mini-program (with its authorizer token).",
  },
  86001: { class: "state", zh: "不存在第三方的已经提交的代码", en: "The platform has not committed any code for this mini-program: commit first." },
  86002: {
    class: "state",
    zh: "小程序还未设置昵称、头像、简介。请先设置完后再重新提交",
    en: "The mini-program has no name, avatar or introduction yet: the merchant must complete them before submitting.",
  },
  86007: { class: "permission", zh: "小程序禁止提交", en: "Submission is forbidden for this mini-program." },
  86009: { class: "permission", zh: "服务商新增小程序代码提审能力被限制", en: "The platform's ability to submit new mini-programs for audit is restricted." },
  86010: { class: "permission", zh: "服务商迭代小程序代码提审能力被限制", en: "The platform's ability to submit updates of mini-programs for audit is restricted." },
  86020: {
    class: "unknown",
    zh: "上传审核素材失败（文档未给出具体说明）",
    en: "Returned by uploadmedia; the documentation gives no meaning. Check the errmsg.",
  },
  87006: { class: "permission", zh: "小游戏不能提交", en: "Mini-games cannot be submitted through this API." },
  87013: {
    class: "quota",
    zh: "撤回次数达到上限（新版文档：每天 5 次，每个月 10 次；旧文档写作每天一次）",
    en: "No audit withdrawals left: at most 5 per day and 10 per month per mini-program (older docs said once per day).",
  },
  89401: { class: "retryable", zh: "系统不稳定，请稍后再试，如多次失败请通过社区反馈", en: "The system is unstable: try again later." },
  89402: { class: "state", zh: "该小程序不在待审核队列，请检查是否已提交审核或已审完", en: "The mini-program is not in the audit queue (not submitted, or already reviewed)." },
  89403: { class: "state", zh: "本单属于平台不支持加急种类，请等待正常审核流程", en: "This audit's category cannot be sped up: wait for the normal review." },
  89404: { class: "state", zh: "本单已加速成功，请勿重复提交", en: "This audit has already been sped up." },
  89405: { class: "quota", zh: "本月加急额度已用完，请提高提审质量以获取更多额度", en: "The monthly speed-up quota is used up." },
  9400001: {
    class: "state",
    zh: "该开发小程序已开通小程序直播权限，不支持发布版本。如需发版，请解绑开发小程序后再操作。",
    en: "The development mini-program has live-streaming permission, which blocks releases: unbind the development mini-program first.",
  },

  // ── Release, gray release, rollback, visit status ──────────────────────────────────────────────────────
  85019: { class: "state", zh: "没有审核版本", en: "There is no approved version to release: submit a version and wait for the audit to pass." },
  85020: { class: "state", zh: "审核状态未满足发布", en: "The latest audit has not passed, so it cannot be released." },
  85021: { class: "state", zh: "状态不可变", en: "The visit status cannot be changed (it may already be in the requested state)." },
  85022: { class: "input", zh: "action 非法", en: "Invalid action: use \"open\" or \"close\"." },
  85079: { class: "state", zh: "小程序没有线上版本，不能进行灰度", en: "The mini-program has no live version yet, so a gray release is impossible." },
  85080: { class: "state", zh: "小程序提交的审核未审核通过", en: "The submitted version has not passed the audit." },
  85081: { class: "input", zh: "无效的发布比例", en: "Invalid gray percentage: use a whole number from 0 to 100 (0 only with debugger/experiencer first)." },
  85082: { class: "state", zh: "当前的发布比例需要比之前设置的高", en: "The gray percentage must be higher than the current plan's." },
  87011: { class: "state", zh: "现网已经在灰度发布，不能进行版本回退", en: "A gray release is running: cancel it before rolling back." },
  87012: {
    class: "state",
    zh: "该版本不能回退，可能的原因：1:无上一个线上版用于回退 2:此版本为已回退版本，不能回退 3:此版本为回退功能上线之前的版本，不能回退",
    en: "This version cannot be rolled back: there is no previous live version, it was already rolled back, or it predates the rollback feature.",
  },
  89014: { class: "input", zh: "基础库版本输入错误", en: "Invalid minimum base library version." },

  // ── Scan ordinary link QR code (QR-jump) ───────────────────────────────────────────────────────────────
  85066: { class: "input", zh: "链接错误", en: "Invalid link prefix." },
  85067: { class: "input", zh: "输入数据错误", en: "Invalid input data." },
  85068: { class: "input", zh: "测试链接不是子链接", en: "A test URL does not match the rule's prefix." },
  85069: {
    class: "state",
    zh: "校验文件失败",
    en: "Verification file check failed: download it (qrcodejumpdownload), host it at the prefix's host/directory, then retry.",
  },
  85070: {
    class: "input",
    zh: "链接为黑名单",
    en: "The link is blacklisted and cannot be used as a QR-code rule. (Some global code lists describe 85070 as 'personal mini-programs cannot set QR-code rules'.)",
  },
  85071: { class: "state", zh: "已添加该链接，请勿重复添加", en: "This link rule already exists." },
  85072: { class: "state", zh: "该链接已被占用", en: "The link prefix is already taken by another mini-program." },
  85073: { class: "state", zh: "二维码规则已满", en: "The QR-code rule list is full: delete a rule first." },
  85074: {
    class: "state",
    zh: "小程序未发布，小程序必须先发布代码才可以发布二维码跳转规则",
    en: "The mini-program has no released version: release code before publishing QR-code rules.",
  },
  85075: { class: "permission", zh: "个人类型小程序无法设置二维码规则", en: "Personal mini-programs cannot set QR-code rules." },
  85076: { class: "input", zh: "链接没有 ICP 备案", en: "The link's domain has no ICP filing." },
  85095: { class: "state", zh: "数据异常，请删除后重新添加", en: "The rule's data is inconsistent: delete it and add it again." },
  886000: { class: "quota", zh: "本月发布次数达到上限", en: "The monthly QR-code rule publish quota (100) is used up." },
  886001: { class: "retryable", zh: "系统繁忙", en: "WeChat is busy: retry later." },

  // ── Domains ────────────────────────────────────────────────────────────────────────────────────────────
  85015: {
    class: "input",
    zh: "该账号不是小程序账号/版本输入错误",
    en: "Not a mini-program account (domain APIs); when setting the minimum base library version it means the version is invalid.",
  },
  85016: { class: "input", zh: "域名数量超过限制", en: "Too many domains (at most 200 per domain type)." },
  85017: {
    class: "input",
    zh: "没有新增域名，请确认小程序已经添加了域名或该域名是否没有在第三方平台添加",
    en: "No domain left to change: domains must first be registered in the platform's own server-domain list.",
  },
  85018: { class: "input", zh: "域名没有在第三方平台设置", en: "The domain is not registered in the platform's server-domain list." },
  85301: { class: "input", zh: "存在格式不合法的域名", en: "Some domains are malformed." },
  85302: { class: "input", zh: "存在未 ICP 备案的域名", en: "Some domains have no ICP filing." },
  85303: { class: "input", zh: "存在格式不合法且未 ICP 备案的域名", en: "Some domains are malformed and some have no ICP filing." },
  86100: { class: "input", zh: "域名协议头错误", en: "Wrong scheme in a domain (https://, wss://, udp://, tcp://)." },
  86101: { class: "input", zh: "不允许配置 api.weixin.qq.com", en: "api.weixin.qq.com cannot be configured as a domain." },
  86102: { class: "quota", zh: "每月修改域名次数超过 50 次", en: "Domains can be changed at most 50 times per month." },
  86103: { class: "state", zh: "校验文件检查失败", en: "The domain confirmation file check failed: host the file, then retry." },
  89019: { class: "state", zh: "业务域名无更改，无需重复设置", en: "The business domains are unchanged." },
  89020: {
    class: "state",
    zh: "尚未设置小程序业务域名，请先在第三方平台中设置小程序业务域名后再调用本接口",
    en: "The platform has no business domain configured: set it on the Open Platform first.",
  },
  89021: {
    class: "input",
    zh: "请求保存的域名不是第三方平台中已设置的小程序业务域名或子域名",
    en: "The domain is not one of the platform's business domains (or a subdomain of one).",
  },
  89029: { class: "state", zh: "业务域名数量超过限制，最多可以添加 100 个业务域名", en: "At most 100 business domains are allowed." },
  89231: { class: "permission", zh: "个人小程序不支持调用 setwebviewdomain 接口", en: "Personal mini-programs cannot set business domains." },
  506015: { class: "state", zh: "该域名绑定的小程序数量已达上限", en: "This domain is already bound to too many mini-programs." },

  // ── Open-platform account binding ──────────────────────────────────────────────────────────────────────
  89000: { class: "state", zh: "该公众号/小程序已经绑定了开放平台帐号", en: "The account is already bound to an Open Platform account." },
  89001: { class: "permission", zh: "Authorizer 与开放平台帐号主体不相同", en: "The account and the Open Platform account belong to different principals." },
  89002: { class: "state", zh: "该公众号/小程序未绑定微信开放平台帐号", en: "The account is not bound to an Open Platform account." },
  89003: { class: "permission", zh: "该开放平台帐号并非通过 api 创建，不允许操作", en: "The Open Platform account was not created through the API, so the API cannot manage it." },
  89004: { class: "state", zh: "该开放平台帐号所绑定的公众号/小程序已达上限（100 个）", en: "The Open Platform account already has 100 bound accounts." },

  // ── WXBizMsgCrypt sample-code local codes (never returned by the API; kept so stored codes resolve) ────
  "-40001": { class: "input", zh: "签名验证错误", en: "Push message signature verification failed (ValidateSignatureError)." },
  "-40002": { class: "input", zh: "XML 解析失败", en: "The push message XML could not be parsed (ParseXmlError)." },
  "-40003": { class: "unknown", zh: "sha 加密生成签名失败", en: "Computing the signature failed (ComputeSignatureError)." },
  "-40004": { class: "input", zh: "EncodingAESKey 非法", en: "Invalid EncodingAESKey (IllegalAesKey): it must be 43 characters." },
  "-40005": { class: "input", zh: "appid 校验错误", en: "The decrypted appid does not match (ValidateAppidError)." },
  "-40006": { class: "unknown", zh: "AES 加密失败", en: "AES encryption failed (EncryptAESError)." },
  "-40007": { class: "input", zh: "AES 解密失败", en: "AES decryption failed (DecryptAESError): wrong key or corrupted message." },
  "-40008": { class: "input", zh: "解密后得到的 buffer 非法", en: "The decrypted buffer is malformed (IllegalBuffer)." },
  "-40009": { class: "unknown", zh: "base64 加密失败", en: "Base64 encoding failed (EncodeBase64Error)." },
  "-40010": { class: "input", zh: "base64 解密失败", en: "Base64 decoding failed (DecodeBase64Error)." },
  "-40011": { class: "unknown", zh: "生成回包 XML 失败", en: "Building the reply XML failed (GenReturnXmlError)." },
});

/**
 * Baidu smart-program errno values live in their own namespace (Baidu's 40001 means "bad parameter", not
 * "invalid token"). Only codes the reference documents with a meaning are listed; the register API's
 * 50016–50027 and 47008 are named there without meanings.
 */
export const BAIDU_ERROR_CATALOG: Record<number, ErrorEntry> = Object.freeze<Record<number, ErrorEntry>>({
  40001: { class: "input", zh: "参数错误", en: "Invalid parameters (Baidu errno 40001)." },
  50032: {
    class: "permission",
    zh: "没有授权关系",
    en: "The smart program has not authorized this platform: the merchant must authorize it again.",
  },
});
