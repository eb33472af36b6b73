const pad = (value: number) => String(value).padStart(2, '0')

/** 2024-05-01: the same unambiguous date in both languages. */
export function formatDate(ms: number | undefined): string {
  if (!ms) return ''
  const date = new Date(ms)
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

/** 2024-05-01 14:03 */
export function formatDateTime(ms: number | undefined): string {
  if (!ms) return ''
  const date = new Date(ms)
  return `${formatDate(ms)} ${pad(date.getHours())}:${pad(date.getMinutes())}`
}

/** 14:03:27, for "saved at". */
export function formatClock(ms: number | undefined): string {
  if (!ms) return ''
  const date = new Date(ms)
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
}

/** The first characters of a text on one line, for lists. */
export function excerpt(text: string, max = 60): string {
  const line = text.replace(/\s+/g, ' ').trim()
  const chars = [...line]
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : line
}
