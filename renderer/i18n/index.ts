import type { Locale } from '@shared/result'
import elementEn from 'element-plus/es/locale/lang/en'
import elementZhCn from 'element-plus/es/locale/lang/zh-cn'
import { createI18n } from 'vue-i18n'
import en from './en'
import { numberFormats } from './numbers'
import zhCN from './zh-CN'

/** UI text: zh-CN by default, en second; numbers through `n()` with the formats in ./numbers. */
export const i18n = createI18n({
  legacy: false,
  locale: 'zh-CN',
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
  numberFormats,
})

/** Element Plus's own strings follow the app language. */
export const elementLocales = { 'zh-CN': elementZhCn, en: elementEn } as const

export function applyLocale(locale: Locale): void {
  i18n.global.locale.value = locale
  document.documentElement.lang = locale
}
