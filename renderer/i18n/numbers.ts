import { INTEGER_FORMAT } from '@shared/validation'
import { useI18n } from 'vue-i18n'

/**
 * vue-i18n's number formats (`n(value, 'integer')`), the same in both languages so that every page
 * writes 2,000 the same way: whole numbers grouped by thousands (as the shared rules' sentences
 * write them, `INTEGER_FORMAT`); file sizes to one decimal.
 */
const formats = {
  integer: { style: 'decimal', ...INTEGER_FORMAT },
  fileSize: { style: 'decimal', maximumFractionDigits: 1, useGrouping: true },
} as const satisfies Record<string, Intl.NumberFormatOptions>

export const numberFormats = { 'zh-CN': formats, en: formats }

/** A whole number as the current language writes it ("2,000"), for `{count}`-style placeholders. */
export type FormatCount = (value: number) => string

/** `n(value, 'integer')` of the current component's i18n, ready to feed message placeholders. */
export function useCount(): FormatCount {
  const { n } = useI18n()
  return (value: number) => n(value, 'integer')
}

const KB = 1024
const MB = 1024 * KB

/** A file size as the current language writes it: "1.2 MB", "830 KB", "120 B" (MB to one decimal, "10 MB" when whole). */
export function useFileSize(): (bytes: number) => string {
  const { n } = useI18n()
  return (bytes: number) => {
    if (bytes >= MB) return `${n(bytes / MB, 'fileSize')} MB`
    if (bytes >= KB) return `${n(Math.round(bytes / KB), 'integer')} KB`
    return `${n(bytes, 'integer')} B`
  }
}
