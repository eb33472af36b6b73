import type { AppInfo } from '@shared/contract'
import type { ConnectionStatus } from '@shared/profiles'
import type { Locale } from '@shared/result'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { api, unwrap } from '../api'
import { applyLocale } from '../i18n'

/** App-wide state: language, shell facts, and the active connection for the status bar. */
export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfo>()
  const locale = ref<Locale>('zh-CN')
  const status = ref<ConnectionStatus>()

  async function load(): Promise<void> {
    info.value = await unwrap(api().app.getInfo())
    locale.value = info.value.locale
    applyLocale(locale.value)
    status.value = await unwrap(api().app.getStatus())
    api().app.onStatus((next) => {
      status.value = next
    })
  }

  async function setLocale(next: Locale): Promise<void> {
    locale.value = next
    applyLocale(next)
    await unwrap(api().app.setLocale({ locale: next }))
  }

  return { info, locale, status, load, setLocale }
})
