import type { AppInfo, UpdateState } from '@shared/contract'
import type { ConnectionStatus } from '@shared/profiles'
import type { Locale } from '@shared/result'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { api, unwrap } from '../api'
import { applyLocale } from '../i18n'

/** App-wide state: language, shell facts, the active connection for the status bar, and updates. */
export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfo>()
  const locale = ref<Locale>('zh-CN')
  const status = ref<ConnectionStatus>()
  /** The updater's state (Settings → About and updates); in the browser shell, why there is none. */
  const updates = ref<UpdateState>()

  /** Shell facts and the connection, asked together: the app mounts once both are in. */
  async function load(): Promise<void> {
    const [appInfo, connection] = await Promise.all([unwrap(api().app.getInfo()), unwrap(api().app.getStatus())])
    info.value = appInfo
    locale.value = appInfo.locale
    applyLocale(locale.value)
    status.value = connection
    api().app.onStatus((next) => {
      status.value = next
    })
  }

  let followingUpdates = false
  /** The update state, followed from then on (Settings → About and updates calls this when shown). */
  async function loadUpdates(): Promise<void> {
    if (!followingUpdates) {
      followingUpdates = true
      api().app.onUpdateState((next) => {
        updates.value = next
      })
    }
    updates.value = await unwrap(api().app.getUpdateState())
  }

  /** Each step answers the state it reached; a failed check or download is in the state, not thrown. */
  async function checkForUpdates(): Promise<void> {
    updates.value = await unwrap(api().app.checkForUpdates())
  }
  async function downloadUpdate(): Promise<void> {
    updates.value = await unwrap(api().app.downloadUpdate())
  }
  /** The app quits, installs the downloaded, verified version and opens again. */
  async function installUpdate(): Promise<void> {
    updates.value = await unwrap(api().app.installUpdate())
  }

  /** Opens the log file's folder in the file manager; throws (with what to do instead) where it cannot. */
  async function openLogFolder(): Promise<void> {
    await unwrap(api().app.openLogFolder())
  }

  async function setLocale(next: Locale): Promise<void> {
    locale.value = next
    applyLocale(next)
    await unwrap(api().app.setLocale({ locale: next }))
  }

  return {
    info,
    locale,
    status,
    updates,
    load,
    setLocale,
    loadUpdates,
    checkForUpdates,
    downloadUpdate,
    installUpdate,
    openLogFolder,
  }
})
