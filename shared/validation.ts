import type { z } from 'zod'
import type { Locale, LocalizedText } from './result'

/**
 * Validation messages shared by the core (authoritative) and the renderer (live, as the user
 * types). A schema attaches a message by key (`{ error: 'v.baseUrlNotHttps' }`); generic issues
 * are phrased from the zod issue code. Placeholders: `{field}`, `{max}`, `{min}`.
 */
export const validationMessages = {
  'v.required': { 'zh-CN': '请填写{field}。', en: '{field} is required.' },
  'v.tooLong': { 'zh-CN': '{field}最多 {max} 个字符。', en: '{field} can have at most {max} characters.' },
  'v.tooShort': { 'zh-CN': '{field}至少 {min} 个字符。', en: '{field} needs at least {min} characters.' },
  'v.tooMany': { 'zh-CN': '{field}最多 {max} 项。', en: '{field} can have at most {max} items.' },
  'v.tooBig': { 'zh-CN': '{field}不能大于 {max}。', en: '{field} must be at most {max}.' },
  'v.tooSmall': { 'zh-CN': '{field}不能小于 {min}。', en: '{field} must be at least {min}.' },
  'v.wrongType': { 'zh-CN': '{field}的格式不对。', en: '{field} has the wrong format.' },
  'v.notAllowed': { 'zh-CN': '{field}不是可选的值。', en: '{field} is not one of the allowed values.' },
  'v.unknownField': { 'zh-CN': '收到了不认识的内容：{field}。', en: 'Unexpected content: {field}.' },
  'v.invalidUrl': { 'zh-CN': '{field}不是有效的网址。', en: '{field} is not a valid web address.' },
  'v.urlNoScheme': {
    'zh-CN': '{field}需要以 https:// 开头（即 {suggestion}）。',
    en: '{field} must start with https:// (as in {suggestion}).',
  },
  'v.chooseFile': { 'zh-CN': '请选择{field}。', en: '{field} is not chosen yet.' },
  'v.baseUrlNotHttps': {
    'zh-CN': 'API 地址必须以 https:// 开头（只有本机地址 127.0.0.1 / localhost 可以用 http://）。',
    en: 'The API address must start with https:// (only this machine, 127.0.0.1 / localhost, may use http://).',
  },
  'v.corpidFormat': {
    'zh-CN': '企业ID只能包含字母、数字、下划线和短横线，可在 管理后台 → 我的企业 → 企业信息 中找到。',
    en: 'The corp ID may contain only letters, digits, "_" and "-"; find it under Admin → My Company → Company Info.',
  },
  'v.agentidFormat': { 'zh-CN': 'AgentId 只能是数字。', en: 'The AgentId must be a number.' },
  'v.secretFormat': {
    'zh-CN': 'Secret 只能包含字母、数字、下划线和短横线，请从应用详情页复制完整的 Secret。',
    en: 'The secret may contain only letters, digits, "_" and "-"; copy the whole secret from the app page.',
  },
  'v.invalid': { 'zh-CN': '{field}无效。', en: '{field} is invalid.' },
  'v.tooManyBytes': {
    'zh-CN': '{field}最多 {max} 字节（一个汉字算 3 字节，表情算 4 字节）。',
    en: '{field} can have at most {max} bytes (a Chinese character counts 3, an emoji 4).',
  },
  'v.messageEmpty': { 'zh-CN': '请填写文字或添加至少一个附件。', en: 'Add some text or at least one attachment.' },
  'v.mediaTooBig': { 'zh-CN': '{field}文件太大，最大 {max}。', en: '{field} is too large; the limit is {max}.' },
  'v.mediaWrongType': {
    'zh-CN': '{field}的文件格式不支持，请使用 {types}。',
    en: '{field} has an unsupported file type; use {types}.',
  },
  'v.mediaTooSmall': { 'zh-CN': '{field}文件是空的或已损坏。', en: '{field} is empty or damaged.' },
  'v.miniprogramAppid': {
    'zh-CN': '小程序 AppID 应以 wx 开头，共 18 位，并且已关联到企业。',
    en: 'The mini program AppID starts with wx, has 18 characters, and must be linked to the corp.',
  },
  'v.miniprogramPageUrl': {
    'zh-CN': '小程序页面路径不能是网址，请填写小程序里的页面路径，例如 pages/index/index.html。',
    en: 'The mini program page must be a page path inside the mini program, such as pages/index/index.html, not a web address.',
  },
  'v.chatTypeTargeting': {
    'zh-CN': '发送对象与群发类型不一致：发给客户请选择客户，发给客户群请选择群主或客户群。',
    en: 'The recipients do not match the message type: pick customers for a customer message, an owner or groups for a group message.',
  },
  'v.tagsNothingToChange': {
    'zh-CN': '请至少选择一个要添加或移除的标签。',
    en: 'Choose at least one tag to add or remove.',
  },
  'v.tagGroupChoice': {
    'zh-CN': '请选择已有的标签组，或填写新标签组的名称（二选一）。',
    en: 'Pick an existing tag group or name a new one (one of the two).',
  },
} satisfies Record<string, LocalizedText>

export type ValidationMessageKey = keyof typeof validationMessages

/** Human names of input fields, so errors name what the user sees on screen. */
export const fieldLabels: Record<string, LocalizedText> = {
  name: { 'zh-CN': '名称', en: 'Name' },
  corpid: { 'zh-CN': '企业ID', en: 'Corp ID' },
  secret: { 'zh-CN': 'Secret', en: 'Secret' },
  agentid: { 'zh-CN': 'AgentId', en: 'AgentId' },
  baseUrl: { 'zh-CN': 'API 地址', en: 'API address' },
  id: { 'zh-CN': '编号', en: 'ID' },
  locale: { 'zh-CN': '语言', en: 'Language' },
  remark: { 'zh-CN': '备注', en: 'Remark' },
  description: { 'zh-CN': '描述', en: 'Description' },
  remarkCompany: { 'zh-CN': '备注企业名称', en: 'Remark company' },
  search: { 'zh-CN': '搜索内容', en: 'Search text' },
  groupName: { 'zh-CN': '标签组名称', en: 'Tag group name' },
  tags: { 'zh-CN': '标签', en: 'Tags' },
  userid: { 'zh-CN': '成员', en: 'Member' },
  externalUserid: { 'zh-CN': '客户', en: 'Customer' },
  limit: { 'zh-CN': '每页数量', en: 'Page size' },
  text: { 'zh-CN': '文字内容', en: 'Text' },
  msgtype: { 'zh-CN': '附件类型', en: 'Attachment type' },
  chatType: { 'zh-CN': '群发类型', en: 'Message type' },
  attachments: { 'zh-CN': '附件', en: 'Attachments' },
  title: { 'zh-CN': '标题', en: 'Title' },
  desc: { 'zh-CN': '描述', en: 'Description' },
  url: { 'zh-CN': '链接地址', en: 'Link URL' },
  picurl: { 'zh-CN': '封面图片地址', en: 'Cover image URL' },
  appid: { 'zh-CN': '小程序 AppID', en: 'Mini program AppID' },
  page: { 'zh-CN': '小程序页面路径', en: 'Mini program page' },
  cover: { 'zh-CN': '封面图片', en: 'Cover image' },
  image: { 'zh-CN': '图片', en: 'Image' },
  video: { 'zh-CN': '视频', en: 'Video' },
  file: { 'zh-CN': '文件', en: 'File' },
  sender: { 'zh-CN': '发送成员', en: 'Sender' },
  chatIds: { 'zh-CN': '客户群', en: 'Customer groups' },
  externalUserids: { 'zh-CN': '客户', en: 'Customers' },
  scheduledAt: { 'zh-CN': '定时发送时间', en: 'Scheduled time' },
  offset: { 'zh-CN': '起始位置', en: 'Offset' },
  content: { 'zh-CN': '消息内容', en: 'Message content' },
  targeting: { 'zh-CN': '发送对象', en: 'Recipients' },
  mode: { 'zh-CN': '发送对象类型', en: 'Recipient type' },
  filter: { 'zh-CN': '客户筛选条件', en: 'Customer filter' },
  members: { 'zh-CN': '所属成员', en: 'Members' },
  excludeTags: { 'zh-CN': '排除标签', en: 'Excluded tags' },
  excludeCustomers: { 'zh-CN': '排除客户', en: 'Excluded customers' },
  addedFrom: { 'zh-CN': '添加时间', en: 'Date added' },
  addedTo: { 'zh-CN': '添加时间', en: 'Date added' },
  genders: { 'zh-CN': '性别', en: 'Gender' },
  types: { 'zh-CN': '客户类型', en: 'Customer type' },
  addWays: { 'zh-CN': '添加方式', en: 'How added' },
}

const inputLabel: LocalizedText = { 'zh-CN': '输入内容', en: 'The input' }

function labelFor(path: readonly PropertyKey[], locale: Locale): string {
  for (let i = path.length - 1; i >= 0; i--) {
    const key = path[i]
    if (typeof key === 'string' && fieldLabels[key]) return fieldLabels[key][locale]
  }
  const last = path[path.length - 1]
  return last === undefined ? inputLabel[locale] : String(last)
}

/**
 * Whole numbers in sentences, grouped in both languages (4,000): the renderer's `n(value, 'integer')`
 * uses the same options, so a page's counters and the rules' sentences write numbers alike.
 */
export const INTEGER_FORMAT = {
  maximumFractionDigits: 0,
  useGrouping: true,
} as const satisfies Intl.NumberFormatOptions

function fill(template: string, values: Record<string, string | number>, locale: Locale): string {
  const write = (value: string | number | undefined) =>
    typeof value === 'number' ? new Intl.NumberFormat(locale, INTEGER_FORMAT).format(value) : (value ?? '')
  return template.replace(/\{(\w+)\}/g, (_, key: string) => write(values[key]))
}

/**
 * Whether an `invalid_type` issue is about a missing value rather than a wrong one. Zod leaves the
 * input out of issues unless asked (`reportInput`), but its message names what it received.
 */
function isMissing(issue: z.core.$ZodIssueInvalidType): boolean {
  if ('input' in issue) return issue.input === undefined || issue.input === null
  return /received (undefined|null)$/.test(issue.message)
}

function isMessageKey(message: string): message is ValidationMessageKey {
  return Object.hasOwn(validationMessages, message)
}

/** Turns one zod issue into a sentence in the user's language. */
export function describeIssue(issue: z.core.$ZodIssue, locale: Locale): string {
  const field = labelFor(issue.path, locale)
  if (isMessageKey(issue.message)) {
    const params = issue.code === 'custom' ? ((issue.params ?? {}) as Record<string, string | number>) : {}
    return fill(validationMessages[issue.message][locale], { ...params, field }, locale)
  }
  const say = (key: ValidationMessageKey, values: Record<string, string | number> = {}) =>
    fill(validationMessages[key][locale], { field, ...values }, locale)
  switch (issue.code) {
    case 'invalid_type':
      return isMissing(issue) ? say('v.required') : say('v.wrongType')
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1 ? say('v.required') : say('v.tooShort', { min: Number(issue.minimum) })
      if (issue.origin === 'array') return say('v.required')
      return say('v.tooSmall', { min: Number(issue.minimum) })
    case 'too_big':
      if (issue.origin === 'string') return say('v.tooLong', { max: Number(issue.maximum) })
      if (issue.origin === 'array' || issue.origin === 'set') return say('v.tooMany', { max: Number(issue.maximum) })
      return say('v.tooBig', { max: Number(issue.maximum) })
    case 'invalid_format':
      return issue.format === 'url' ? say('v.invalidUrl') : say('v.wrongType')
    case 'invalid_value':
      return say('v.notAllowed')
    case 'unrecognized_keys':
      return fill(validationMessages['v.unknownField'][locale], { field: issue.keys.join(', ') }, locale)
    default:
      return say('v.invalid')
  }
}

/** All issues of a failed parse, one sentence each, most important first, de-duplicated. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], locale: Locale): string[] {
  return [...new Set(issues.map((issue) => describeIssue(issue, locale)))]
}
