import type { LocalizedText } from '../../../shared/result'
import { text } from '../errors'

/** What a WeCom errcode means for the person at the keyboard, and what they can do about it. */
export interface WecomErrcodeDescription {
  text: LocalizedText
  hint: LocalizedText
  /** False when the errcode is not in the table and the generic message was used. */
  known: boolean
}

type Entry = { text: LocalizedText; hint: LocalizedText }

const RETRY_LATER = text('请稍后再试。', 'Please try again later.')
const CONTACT_SUPPORT = text(
  '这通常是软件问题：请把日志文件（设置 → 日志）发给技术支持。',
  'This is usually a software problem: send the log file (Settings → Log) to support.',
)
const CHECK_SECRET = text(
  '请在「设置 → 连接配置」核对企业ID和应用 Secret（企业微信管理后台 → 应用管理 → 本应用 → Secret，查看后重新复制），并确认该应用处于启用状态。',
  'In Settings → Connection profiles, check the Corp ID and the app Secret (WeCom admin console → App Management → this app → Secret; view it and copy it again), and make sure the app is enabled.',
)
const RESYNC = text(
  '请重新同步成员和客户后再试；已离职、已删除或不在应用可见范围内的对象请从本次操作中移除。',
  'Sync members and customers again, then retry; remove anyone who has left, been deleted or is outside the app’s visible range.',
)
const MEDIA_RULES = text(
  '图片用 JPG/PNG（≤10MB），语音用 AMR（≤2MB），视频用 MP4（≤10MB），其他文件 ≤20MB，且都不能小于 6 字节。',
  'Use JPG/PNG for images (≤ 10 MB), AMR for voice (≤ 2 MB), MP4 for video (≤ 10 MB), other files ≤ 20 MB; nothing smaller than 6 bytes.',
)

/**
 * Every errcode the console's WeCom surface can meet (reference §2.4 and the endpoint sections),
 * with text written for marketing staff rather than engineers.
 */
const ERRCODES: Record<number, Entry> = {
  [-1]: {
    text: text('企业微信系统繁忙，本次请求没有完成。', 'WeCom was busy and did not complete this request.'),
    hint: text(
      '请稍等片刻再试；如果是发送类操作，请先在记录中确认它没有被创建，避免重复发送。',
      'Wait a moment and try again; for a send, first check the records to make sure it was not created, to avoid a duplicate.',
    ),
  },
  40001: {
    text: text(
      '企业微信拒绝了应用 Secret：Secret 填错了、已被重置，或应用已被停用。',
      'WeCom rejected the app Secret: it is wrong, it was reset, or the app has been disabled.',
    ),
    hint: CHECK_SECRET,
  },
  40003: {
    text: text(
      '成员账号（userid）无效，或该成员不在应用的可见范围内。',
      'A member ID (userid) is not valid, or the member is outside the app’s visible range.',
    ),
    hint: RESYNC,
  },
  40004: { text: text('企业微信不支持这种文件类型。', 'WeCom does not accept this type of file.'), hint: MEDIA_RULES },
  40005: {
    text: text('上传的文件类型与声明的类型不符。', 'The uploaded file does not match the declared file type.'),
    hint: MEDIA_RULES,
  },
  40006: {
    text: text('文件大小不符合企业微信的要求。', 'The file size is outside what WeCom allows.'),
    hint: MEDIA_RULES,
  },
  40007: {
    text: text(
      '素材已失效或来源不对：临时素材 3 天后过期，朋友圈素材必须用朋友圈专用方式上传。',
      'The media is no longer valid or came from the wrong upload: temporary media expires after 3 days, and moments need media uploaded specially for moments.',
    ),
    hint: text(
      '请重新上传素材后再发送（本软件保存了原文件，重新发送即可自动上传）。',
      'Upload the media again and resend (the console keeps the original file, so resending uploads it again).',
    ),
  },
  40009: {
    text: text('图片大小不符合企业微信的要求。', 'The image size is outside what WeCom allows.'),
    hint: MEDIA_RULES,
  },
  40013: {
    text: text('企业ID（corpid）无效。', 'The Corp ID (corpid) is not valid.'),
    hint: text(
      '请在企业微信管理后台 → 我的企业 → 企业信息 页面底部复制「企业ID」，粘贴到「设置 → 连接配置」。',
      'Copy the Corp ID from the bottom of WeCom admin console → My Company → Company Info, and paste it into Settings → Connection profiles.',
    ),
  },
  40014: {
    text: text(
      '访问凭证无效，自动更新凭证后仍然失败。',
      'The access ticket was rejected, and renewing it automatically did not help.',
    ),
    hint: text(
      '请稍后再试；如果反复出现，请检查应用 Secret 是否刚被重置。',
      'Try again later; if it keeps happening, check whether the app Secret was just reset.',
    ),
  },
  40058: {
    text: text(
      '企业微信认为请求内容不合规：缺少必填项、内容过长或格式不对。',
      'WeCom rejected the request content: a required field is missing, something is too long, or a format is wrong.',
    ),
    hint: text(
      '请检查文字长度、附件数量和必填项后再试；如果反复出现，请把日志文件（设置 → 日志）发给技术支持。',
      'Check text lengths, attachment counts and required fields, then retry; if it keeps happening, send the log file (Settings → Log) to support.',
    ),
  },
  40091: {
    text: text(
      '应用 Secret 无效（可能是其他企业或其他应用的 Secret）。',
      'The app Secret is not valid (it may belong to another company or another app).',
    ),
    hint: CHECK_SECRET,
  },
  40096: {
    text: text(
      '客户ID（external_userid）无效，或跟进该客户的成员不在应用可见范围内。',
      'A customer ID (external_userid) is not valid, or the member who follows the customer is outside the app’s visible range.',
    ),
    hint: RESYNC,
  },
  40097: {
    text: text(
      '该成员还没有离职，不能做离职继承。',
      'This member has not left the company, so a resigned-member transfer is not possible.',
    ),
    hint: text('请改用「在职继承」。', 'Use the on-the-job transfer instead.'),
  },
  40099: {
    text: text('接替成员的客户数量已达上限。', 'The receiving member has reached the maximum number of customers.'),
    hint: text(
      '请选择其他接替成员，或先让该成员清理客户。',
      'Pick another receiving member, or have this member clean up their customers first.',
    ),
  },
  40100: {
    text: text('该客户已经在转接中。', 'This customer is already being transferred.'),
    hint: text(
      '转接约 24 小时后完成，请完成后再操作。',
      'Transfers complete about 24 hours after they start; try again afterwards.',
    ),
  },
  40126: {
    text: text(
      '企业标签数量已达上限（3,000 个，含规则组标签）。',
      'The company has reached the limit of 3,000 customer tags (rule-group tags included).',
    ),
    hint: text('请先删除不再使用的标签，再添加新标签。', 'Delete tags you no longer use, then add the new ones.'),
  },
  41001: {
    text: text('请求中缺少访问凭证。', 'The request was sent without an access ticket.'),
    hint: CONTACT_SUPPORT,
  },
  41004: {
    text: text('缺少应用 Secret。', 'The app Secret is missing.'),
    hint: text('请在「设置 → 连接配置」填写应用 Secret。', 'Enter the app Secret in Settings → Connection profiles.'),
  },
  41051: {
    text: text(
      '客户已经在和成员聊天（或其他应用已先发送），不能再发送欢迎语。',
      'The customer is already chatting with the member (or another app sent first), so the welcome message cannot be sent.',
    ),
    hint: text(
      '无需处理；如需统一欢迎语，请只在一个应用中配置。',
      'Nothing to do; to control welcome messages, configure them in one app only.',
    ),
  },
  41053: {
    text: text(
      '客户尚未同意聊天存档，不能发送欢迎语。',
      'The customer has not agreed to chat archiving, so the welcome message cannot be sent.',
    ),
    hint: text('客户同意后即可正常接收欢迎语。', 'Welcome messages work once the customer agrees.'),
  },
  41054: {
    text: text('该成员还没有激活企业微信。', 'This member has not activated WeCom yet.'),
    hint: text(
      '请让该成员登录企业微信完成激活后再试。',
      'Ask the member to sign in to WeCom and finish activation, then retry.',
    ),
  },
  41055: {
    text: text(
      '入群欢迎语素材已达上限（每个企业 100 条）。',
      'The company has reached the limit of 100 group welcome templates.',
    ),
    hint: text('请先删除不用的欢迎语模板。', 'Delete templates you no longer use first.'),
  },
  41058: {
    text: text(
      '只能修改或删除本应用创建的入群欢迎语。',
      'Only group welcome templates created by this app can be edited or deleted.',
    ),
    hint: text(
      '请到企业微信管理后台修改这条模板，或在本软件中新建一条。',
      'Edit that template in the WeCom admin console, or create a new one in this console.',
    ),
  },
  41059: { text: text('缺少朋友圈 ID。', 'The moment ID is missing.'), hint: CONTACT_SUPPORT },
  41060: {
    text: text(
      '朋友圈 ID 无效，这条朋友圈可能已被删除。',
      'The moment ID is not valid; the moment may have been deleted.',
    ),
    hint: text('请刷新朋友圈列表后再试。', 'Refresh the moments list and try again.'),
  },
  41061: {
    text: text('这条朋友圈不属于所选成员。', 'This moment does not belong to the selected member.'),
    hint: text(
      '请刷新发表记录，按实际发表的成员查看。',
      'Refresh the records and look it up under the member who actually posted it.',
    ),
  },
  41062: {
    text: text('该成员还没有发表这条朋友圈。', 'This member has not posted this moment yet.'),
    hint: text(
      '成员发表后才能查看可见客户和互动数据。',
      'Visible customers and interactions are available once the member posts it.',
    ),
  },
  41063: {
    text: text(
      '群发任务还在派发中，暂时查不到结果。',
      'The mass message is still being dispatched, so results are not available yet.',
    ),
    hint: text('请过几分钟再查看。', 'Check again in a few minutes.'),
  },
  41064: {
    text: text('附件数量超过上限（最多 9 个）。', 'Too many attachments (at most 9).'),
    hint: text('请减少附件后再发送。', 'Remove some attachments and send again.'),
  },
  41065: {
    text: text('附件类型无效。', 'An attachment type is not valid.'),
    hint: text(
      '附件只能是图片、链接、小程序、视频或文件。',
      'Attachments can only be images, links, mini programs, videos or files.',
    ),
  },
  41067: {
    text: text(
      '这条朋友圈的类型不支持此操作（例如成员个人发表的朋友圈）。',
      'This kind of moment does not support the action (for example, a moment a member posted personally).',
    ),
    hint: text('只能对企业发表的朋友圈执行此操作。', 'The action only works on moments published by the company.'),
  },
  42001: {
    text: text(
      '访问凭证已过期，自动续期后仍然失败。',
      'The access ticket expired, and renewing it automatically did not help.',
    ),
    hint: RETRY_LATER,
  },
  44001: {
    text: text('上传的文件是空的。', 'The uploaded file is empty.'),
    hint: text('请重新选择文件。', 'Choose the file again.'),
  },
  45009: {
    text: text(
      '调用太频繁，企业微信暂停了这类请求（分钟上限约 1 分钟后恢复，小时上限最长 1 小时）。',
      'Too many calls: WeCom paused this kind of request (about 1 minute for the per-minute limit, up to 1 hour for the hourly limit).',
    ),
    hint: text(
      '本软件会自动等待恢复后继续；如果同一企业还有其他系统在调用接口，请错开它们的运行时间。',
      'The console waits and continues automatically; if other systems also call the API for this company, schedule them at different times.',
    ),
  },
  45033: {
    text: text(
      '同时进行的请求太多，企业微信拒绝了这一次。',
      'Too many requests were running at once, so WeCom refused this one.',
    ),
    hint: text(
      '本软件已自动降低并发；请稍后再试。',
      'The console has lowered its parallelism automatically; try again shortly.',
    ),
  },
  48002: {
    text: text('应用没有调用这个功能的权限。', 'The app is not allowed to use this function.'),
    hint: text(
      '请在企业微信管理后台 → 客户与上下游 → 客户联系 → API →「可调用接口的应用」中加入本应用；2023-12-01 之后创建的企业不能再使用「客户联系」系统应用的 Secret，请改用自建应用。',
      'In the WeCom admin console, open Customers → Customer Contact → API → “Apps that can call the API” and add this app; companies created after 2023-12-01 cannot use the built-in Customer Contact secret, so use a self-built app.',
    ),
  },
  60011: {
    text: text(
      '相关成员、部门或标签不在应用的可见范围内，或应用没有修改权限。',
      'A member, department or tag is outside the app’s visible range, or the app may not change it.',
    ),
    hint: text(
      '请在企业微信管理后台 → 应用管理 → 本应用 →「可见范围」中加入相关成员或部门，然后重新同步。',
      'In the WeCom admin console, add the members or departments to App Management → this app → Visible range, then sync again.',
    ),
  },
  60020: {
    text: text(
      '本机的公网 IP 不在应用的「企业可信IP」名单中，企业微信拒绝了访问。',
      'This computer’s public IP address is not in the app’s trusted IP list, so WeCom refused the call.',
    ),
    hint: text(
      '请在「设置 → 连接配置」查看本机公网 IP，把它加入企业微信管理后台 → 应用管理 → 本应用 →「企业可信IP」，约 1 分钟后生效。',
      'See this computer’s public IP in Settings → Connection profiles and add it under WeCom admin console → App Management → this app → Trusted IPs; it takes about 1 minute to apply.',
    ),
  },
  81013: {
    text: text(
      '指定的成员、部门或标签全部无效或不在可见范围内。',
      'None of the given members, departments or tags is valid or within the visible range.',
    ),
    hint: RESYNC,
  },
  81017: {
    text: text(
      '一次请求的数据量太大（例如没有指定群主，而应用可见成员超过 1,000 人）。',
      'Too much data was requested at once (for example no group owners were chosen and the app can see over 1,000 members).',
    ),
    hint: text('请按成员分批查询（每批不超过 100 人）。', 'Query by member in batches of up to 100.'),
  },
  84061: {
    text: text(
      '成员和客户之间没有好友关系（成员已删除客户，或好友申请尚未通过）。',
      'The member and the customer are not connected (the member deleted the customer, or the request was never accepted).',
    ),
    hint: text('请重新同步客户后再试。', 'Sync customers again, then retry.'),
  },
  90206: {
    text: text('小程序没有关联到本企业。', 'The mini program is not linked to this company.'),
    hint: text(
      '请在企业微信管理后台 → 应用管理 → 小程序 中关联该小程序。',
      'Link the mini program in the WeCom admin console → App Management → Mini Programs.',
    ),
  },
  90207: {
    text: text('小程序 AppID 无效。', 'The mini program AppID is not valid.'),
    hint: text(
      '请核对小程序 AppID（在微信公众平台的小程序设置中查看）。',
      'Check the mini program AppID (shown in the mini program settings on the WeChat Official Platform).',
    ),
  },
  301002: {
    text: text(
      '访问凭证无权操作指定的应用（AgentId 与 Secret 不属于同一个应用）。',
      'The access ticket may not act on the given app (the AgentId and the Secret belong to different apps).',
    ),
    hint: text(
      '请在「设置 → 连接配置」核对 AgentId 是否与 Secret 属于同一个应用。',
      'In Settings → Connection profiles, check that the AgentId and the Secret belong to the same app.',
    ),
  },
}

/** Every errcode with a dedicated message, for tests and for UI help pages. */
export const KNOWN_WECOM_ERRCODES: readonly number[] = Object.keys(ERRCODES).map(Number)

/** errcodes that mean the corpid/secret pair itself is wrong: retrying cannot help. */
export const CREDENTIAL_ERRCODES: ReadonlySet<number> = new Set([40001, 40013, 40091])

/** errcodes that mean the access_token is stale: refresh it and retry once. */
export const TOKEN_ERRCODES: ReadonlySet<number> = new Set([40014, 42001])

/** API frequency limit hit: the path is blocked for a while (60 s for the per-minute cap). */
export const RATE_LIMITED_ERRCODE = 45009
/** Too many concurrent calls to one API. */
export const CONCURRENCY_LIMITED_ERRCODE = 45033
/** System busy: safe to retry for reads only. */
export const SYSTEM_BUSY_ERRCODE = -1

const MAX_ERRMSG_CHARS = 200

/** WeCom's errmsg without its trailing "hint: …, from ip: …, more info at …" boilerplate. */
function shortErrmsg(errmsg: string | undefined): string {
  const head = (errmsg ?? '').split(/,\s*hint:/)[0]?.trim() ?? ''
  return head.length > MAX_ERRMSG_CHARS ? `${head.slice(0, MAX_ERRMSG_CHARS)}…` : head
}

/**
 * Bilingual message and next step for a WeCom errcode. Unknown codes get a generic message that
 * quotes the errcode and WeCom's own errmsg so support can still look them up.
 */
export function describeWecomErrcode(errcode: number, errmsg?: string): WecomErrcodeDescription {
  const entry = ERRCODES[errcode]
  if (entry) return { ...entry, known: true }
  const detail = shortErrmsg(errmsg)
  const suffix = detail ? `：${detail}` : ''
  const suffixEn = detail ? `: ${detail}` : ''
  return {
    text: text(
      `企业微信返回了错误（错误码 ${errcode}${suffix}）。`,
      `WeCom returned an error (code ${errcode}${suffixEn}).`,
    ),
    hint: text(
      `可在 https://developer.work.weixin.qq.com/devtool/query 按错误码 ${errcode} 查询原因；如果反复出现，请把日志文件（设置 → 日志）发给技术支持。`,
      `Look up code ${errcode} at https://developer.work.weixin.qq.com/devtool/query; if it keeps happening, send the log file (Settings → Log) to support.`,
    ),
    known: false,
  }
}
