import type { Messages } from './messages'

/** Text of the moments detail sub-area (i18n keys `moments.detail.*`), both languages side by side. */
export const zhCN = {}

export const en: Messages<typeof zhCN> = {}
