import 'element-plus/theme-chalk/base.css'
import 'element-plus/theme-chalk/el-message.css'
import 'element-plus/theme-chalk/el-message-box.css'
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
