import type { Messages } from './messages'

/** Text of the moments browse sub-area (i18n keys `moments.browse.*`), both languages side by side. */
export const zhCN = {}

export const en: Messages<typeof zhCN> = {}
