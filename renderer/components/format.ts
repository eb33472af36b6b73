import { formatLocal } from '@shared/date'

/** A translator as vue-i18n's `t` is used here: key plus named values. */
export type Translate = (key: string, values?: Record<string, unknown>) => string

const MINUTE_MS = 60_000
const HOUR_MS = 60 * MINUTE_MS

/** "约 2 分钟" / "about 2 min": rounded up to whole seconds, minutes, or hours and minutes. */
export function formatEta(ms: number, t: Translate): string {
  const safe = Math.max(0, ms)
  if (safe < MINUTE_MS) return t('customers.sync.duration.seconds', { n: Math.max(1, Math.ceil(safe / 1000)) })
  if (safe < HOUR_MS) return t('customers.sync.duration.minutes', { n: Math.ceil(safe / MINUTE_MS) })
  const minutes = Math.ceil(safe / MINUTE_MS)
  return t('customers.sync.duration.hours', { h: Math.floor(minutes / 60), m: minutes % 60 })
}

/** 2024-05-01: the same unambiguous date in both languages, local time. */
export function formatDate(ms: number | undefined): string {
  return ms ? formatLocal(ms, 'YYYY-MM-DD') : ''
}

/** 2024-05-01 14:03, local time. */
export function formatDateTime(ms: number | undefined): string {
  return ms ? formatLocal(ms, 'YYYY-MM-DD HH:mm') : ''
}

/** 14:03:27, local time, for "saved at". */
export function formatClock(ms: number | undefined): string {
  return ms ? formatLocal(ms, 'HH:mm:ss') : ''
}

/** The first characters of a text on one line, for lists. */
export function excerpt(text: string, max = 60): string {
  const line = text.replace(/\s+/g, ' ').trim()
  const chars = [...line]
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : line
}

/**
 * The page's Content-Security-Policy allows images only from the app itself, data: and blob:;
 * remote avatar URLs would be refused (and logged), so they are not requested at all.
 */
export function displayableImage(url: string | undefined): string | undefined {
  if (!url) return undefined
  if (url.startsWith('data:') || url.startsWith('blob:')) return url
  try {
    return new URL(url, location.href).origin === location.origin ? url : undefined
  } catch {
    return undefined
  }
}
