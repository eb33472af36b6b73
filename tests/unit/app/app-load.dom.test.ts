import type { AppInfo } from '@shared/contract'
import type { ConnectionStatus } from '@shared/profiles'
import type { Result } from '@shared/result'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, describe, expect, it } from 'vitest'
import { connectApi } from '@/api'
import { applyLocale } from '@/i18n'
import { useAppStore } from '@/stores/app'
import { fakeApi } from '../renderer/fake-api'

const INFO: AppInfo = { version: '1.0.0', shell: 'browser', locale: 'en', secretProtection: 'local-file', logFile: '' }
const STATUS: ConnectionStatus = {
  profileId: 'sandbox',
  profileName: 'Demo corp',
  isSandbox: true,
  state: 'connected',
}

afterEach(() => {
  delete window.api
  applyLocale('zh-CN')
})

describe('app start (bench:ui cold load)', () => {
  it('asks for the shell facts and the connection at once, not one after the other', async () => {
    const asked: string[] = []
    let answer: () => void = () => undefined
    const bothAsked = new Promise<void>((resolve) => (answer = resolve))
    const reply = <T>(name: string, data: T) => {
      asked.push(name)
      if (asked.length === 2) answer()
      // Neither answers until both were asked: asking one after the other would never finish.
      return bothAsked.then((): Result<T> => ({ ok: true, data }))
    }
    window.api = fakeApi({
      app: {
        getInfo: () => reply('getInfo', INFO),
        getStatus: () => reply('getStatus', STATUS),
        onStatus: () => () => undefined,
      },
    })
    await connectApi()
    setActivePinia(createPinia())
    const app = useAppStore()
    const loaded = app.load()
    await Promise.race([loaded, new Promise((resolve) => setTimeout(resolve, 500))])
    expect(asked.sort()).toEqual(['getInfo', 'getStatus'])
    await loaded
    expect(app.locale).toBe('en')
    expect(app.status?.profileName).toBe('Demo corp')
  })
})
