import type { Messages } from './messages'

/** Text of the moments publish sub-area (i18n keys `moments.publish.*`), both languages side by side. */
export const zhCN = {}

export const en: Messages<typeof zhCN> = {}
