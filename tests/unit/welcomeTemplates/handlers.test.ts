import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SandboxHandle } from '../../../electron/core/sandbox/types'
import type { WelcomeLibrary, WelcomeTemplate } from '../../../shared/welcomeTemplates'
import { startCorp, startCoreOn, type CoreOnSandbox } from '../customers/support'

let main: SandboxHandle
let branch: SandboxHandle
let app: CoreOnSandbox

beforeAll(async () => {
  main = (await startCorp({ customers: 10, members: 2, groups: 1 })).sandbox
  branch = (await startCorp({ customers: 10, members: 2, groups: 1, seed: 5 })).sandbox
  app = await startCoreOn(main)
})
afterAll(async () => {
  await app.close()
  await Promise.all([main.close(), branch.close()])
})

async function invoke<T>(channel: string, input?: unknown): Promise<T> {
  const result = await app.core.invoke(channel, input)
  if (!result.ok) throw Object.assign(new Error(result.error.message), result.error)
  return result.data as T
}

describe('welcomeTemplates:* through the core (contract validation, the active profile, another profile)', () => {
  it('refuses malformed input in the user’s language before any service runs', async () => {
    await app.core.invoke('app:setLocale', { locale: 'zh-CN' })
    const result = await app.core.invoke('welcomeTemplates:save', { content: { text: 1 } })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.code).toBe('invalid_input')
    const twoAttachments = await app.core.invoke('welcomeTemplates:save', {
      content: { text: '', attachments: [{ msgtype: 'link' }, { msgtype: 'link' }] },
    })
    expect(twoAttachments.ok).toBe(false)
  })

  it('saves, pushes and copies to another profile (another corp), where it is created as a new template', async () => {
    const saved = await invoke<WelcomeTemplate>('welcomeTemplates:save', {
      content: {
        text: '欢迎 %NICKNAME%！',
        attachment: { msgtype: 'link', link: { title: '入群指南', url: 'https://example.com/guide', desc: '' } },
      },
      notify: false,
    })
    const pushed = await invoke<WelcomeTemplate>('welcomeTemplates:push', { id: saved.id })
    expect(main.state.welcomeTemplates.find((t) => t.templateId === pushed.templateId)).toMatchObject({
      text: '欢迎 %NICKNAME%！',
      notify: 0,
      attachment: { kind: 'link', fields: { title: '入群指南' } },
    })

    const other = await invoke<{ id: string }>('profiles:save', {
      name: '分公司',
      corpid: branch.corpid,
      secret: branch.secret,
      baseUrl: branch.url,
    })
    const copied = await invoke<{ profileName: string; template: WelcomeTemplate }>('welcomeTemplates:copyToProfile', {
      id: saved.id,
      profileId: other.id,
    })
    expect(copied.profileName).toBe('分公司')
    expect(copied.template).toMatchObject({ origin: 'copied', syncState: 'pushed', copiedFrom: pushed.templateId })
    expect(branch.state.welcomeTemplates.find((t) => t.templateId === copied.template.templateId)?.text).toBe(
      '欢迎 %NICKNAME%！',
    )
    // The active library is unchanged; the copy lives in the other profile's library.
    const here = await invoke<WelcomeLibrary>('welcomeTemplates:list')
    expect(here.items.map((item) => item.id)).toEqual([saved.id])
    await expect(invoke('welcomeTemplates:copyToProfile', { id: saved.id, profileId: 'nope' })).rejects.toMatchObject({
      code: expect.any(String),
    })
    await invoke('profiles:activate', { id: other.id })
    const there = await invoke<WelcomeLibrary>('welcomeTemplates:list')
    expect(there.items).toHaveLength(1)
    expect(there.items[0]).toMatchObject({ templateId: copied.template.templateId, origin: 'copied' })
  })
})
