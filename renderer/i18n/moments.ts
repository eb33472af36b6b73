import type { Messages } from './messages'

/**
 * The moments namespace in both languages, side by side (zh-CN.ts and en.ts mount it). Kept in its
 * own file so each feature edits its own text.
 */
export const zhCN = {}

export const en: Messages<typeof zhCN> = {}
