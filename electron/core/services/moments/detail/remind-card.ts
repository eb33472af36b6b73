import { corpDay } from '../../../../../shared/date'
import type { Locale } from '../../../../../shared/result'
import { APP_MESSAGE_LIMITS, type TextCard } from '../../../wecom/api/messages'

const encoder = new TextEncoder()
const bytes = (value: string) => encoder.encode(value).length

/** Where the card's button leads: WeCom has no link into a member's moment task, so the WeCom web page. */
export const REMIND_CARD_URL = 'https://work.weixin.qq.com/'

const escapeHtml = (value: string) =>
  value.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch] ?? ch)

/** `value` cut to at most `max` UTF-8 bytes after HTML escaping, with … when cut. */
function excerpt(value: string, max: number): string {
  const flat = value.replace(/\s+/gu, ' ').trim()
  if (bytes(escapeHtml(flat)) <= max) return escapeHtml(flat)
  let out = ''
  for (const ch of flat) {
    if (bytes(escapeHtml(out + ch)) + bytes('…') > max) break
    out += ch
  }
  return `${escapeHtml(out)}…`
}

const TEXT = {
  'zh-CN': {
    title: '请发表企业朋友圈',
    when: (at: string) => `创建于 ${at}`,
    noText: '（图片、视频或链接）',
    how: '请打开企业微信 → 客户朋友圈，发表这条企业朋友圈。',
    button: '去发表',
  },
  en: {
    title: 'Please post the company moment',
    when: (at: string) => `Created ${at}`,
    noText: '(images, a video or a link)',
    how: 'Open WeCom → Customer Moments and post this company moment.',
    button: 'Post',
  },
} as const

/**
 * The reminder a member receives: a text card naming the moment (its creation day, China time as
 * WeCom counts days, and the beginning of its text) and how to post it, within WeCom's 128-byte title
 * and 512-byte description.
 */
export function remindCard(locale: Locale, momentText: string, createTime?: number): TextCard {
  const words = TEXT[locale]
  const head = createTime === undefined ? '' : `<div class="gray">${escapeHtml(words.when(corpDay(createTime)))}</div>`
  const tail = `<div class="highlight">${escapeHtml(words.how)}</div>`
  const room =
    APP_MESSAGE_LIMITS.textcard.descriptionBytes - bytes(head) - bytes(tail) - bytes('<div class="normal"></div>')
  const body = `<div class="normal">${momentText.trim() ? excerpt(momentText, room) : escapeHtml(words.noText)}</div>`
  return { title: words.title, description: `${head}${body}${tail}`, url: REMIND_CARD_URL, btntxt: words.button }
}
