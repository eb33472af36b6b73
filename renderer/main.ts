// Element Plus services (ElMessageBox, ElMessage, ElNotification, ElLoading and v-loading) are called,
// not written in a template, so the on-demand component imports never bring their styles, nor those of
// the overlay, buttons and input a message box draws: without them a confirmation opens under the page
// with no backdrop until some other page happens to load them. Each service's style entry brings all
// of that, once, at start.
import 'element-plus/es/components/base/style/css'
import 'element-plus/es/components/message-box/style/css'
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/notification/style/css'
import 'element-plus/es/components/loading/style/css'
import './styles.css'
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import { connectApi } from './api'
import App from './App.vue'
import { createErrorReporter, installErrorReporting } from './errorReporting'
import { i18n } from './i18n'
import { router } from './router'
import { useAppStore } from './stores/app'

/**
 * Connects the contract first, then mounts; a failed start is shown, not swallowed. From the
 * moment the contract is there, uncaught errors go to the core's log (rate limited).
 */
async function bootstrap(): Promise<void> {
  const app = createApp(App).use(createPinia()).use(i18n).use(router)
  let report: ((error: unknown, source: string, info?: string) => void) | undefined
  try {
    const api = await connectApi()
    report = createErrorReporter((error) => api.app.reportError(error))
    installErrorReporting(app, report)
    await useAppStore().load()
  } catch (error) {
    report?.(error, 'bootstrap')
    const root = document.getElementById('app')!
    root.textContent = `控制台无法启动 / The console could not start: ${(error as Error).message}`
    root.setAttribute('role', 'alert')
    return
  }
  app.mount('#app')
}

void bootstrap()
