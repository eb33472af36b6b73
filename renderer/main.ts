import 'element-plus/theme-chalk/base.css'
import 'element-plus/theme-chalk/el-message.css'
import 'element-plus/theme-chalk/el-message-box.css'
import './styles.css'
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import { connectApi } from './api'
import App from './App.vue'
import { i18n } from './i18n'
import { router } from './router'
import { useAppStore } from './stores/app'

/** Connects the contract first, then mounts; a failed start is shown, not swallowed. */
async function bootstrap(): Promise<void> {
  const app = createApp(App).use(createPinia()).use(i18n).use(router)
  try {
    await connectApi()
    await useAppStore().load()
  } catch (error) {
    const root = document.getElementById('app')!
    root.textContent = `控制台无法启动 / The console could not start: ${(error as Error).message}`
    root.setAttribute('role', 'alert')
    return
  }
  app.mount('#app')
}

void bootstrap()
