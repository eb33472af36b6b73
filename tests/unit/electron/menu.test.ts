import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { aboutText, buildMenuTemplate } from '../../../electron/main/menu'

type Item = MenuItemConstructorOptions
const submenu = (item: Item | undefined) => (item?.submenu ?? []) as Item[]
const roles = (item: Item | undefined) =>
  submenu(item)
    .map((i) => i.role)
    .filter(Boolean)
const labels = (template: Item[]) => template.map((i) => i.label)

function menu(overrides: Partial<Parameters<typeof buildMenuTemplate>[0]> = {}) {
  const openLogFolder = vi.fn()
  const showAbout = vi.fn()
  const template = buildMenuTemplate({
    locale: 'zh-CN',
    platform: 'win32',
    isPackaged: true,
    openLogFolder,
    showAbout,
    ...overrides,
  })
  return { template, openLogFolder, showAbout }
}

describe('application menu', () => {
  it('is in the user’s language', () => {
    expect(labels(menu({ locale: 'zh-CN' }).template)).toEqual(['编辑', '视图', '帮助'])
    expect(labels(menu({ locale: 'en' }).template)).toEqual(['Edit', 'View', 'Help'])
    const edit = menu({ locale: 'en' }).template[0]
    expect(submenu(edit).find((i) => i.role === 'copy')?.label).toBe('Copy')
    expect(submenu(menu().template[0]).find((i) => i.role === 'paste')?.label).toBe('粘贴')
  })

  it('edits with copy and paste, zooms, and helps with the log folder and About', () => {
    const { template, openLogFolder, showAbout } = menu()
    expect(roles(template[0])).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']))
    expect(roles(template[1])).toEqual(expect.arrayContaining(['zoomIn', 'zoomOut', 'resetZoom']))
    const help = submenu(template[2])
    const logs = help.find((i) => i.label === '打开日志文件夹')
    const about = help.find((i) => i.label === '关于')
    logs?.click?.({} as never, undefined, {} as never)
    about?.click?.({} as never, undefined, {} as never)
    expect(openLogFolder).toHaveBeenCalledOnce()
    expect(showAbout).toHaveBeenCalledOnce()
  })

  it('offers reload and developer tools only when not packaged', () => {
    const all = (template: Item[]) => template.flatMap((i) => roles(i))
    expect(all(menu({ isPackaged: true }).template)).not.toEqual(expect.arrayContaining(['reload']))
    expect(all(menu({ isPackaged: true }).template)).not.toContain('toggleDevTools')
    expect(all(menu({ isPackaged: true }).template)).not.toContain('forceReload')
    expect(all(menu({ isPackaged: false }).template)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']))
  })

  it('has the macOS app and window menus there, About in the app menu', () => {
    const { template, showAbout } = menu({ platform: 'darwin', locale: 'en' })
    expect(labels(template)).toEqual(['WeCom Contact Console', 'Edit', 'View', 'Window', 'Help'])
    expect(roles(template[0])).toEqual(expect.arrayContaining(['hide', 'quit']))
    submenu(template[0])[0]?.click?.({} as never, undefined, {} as never)
    expect(showAbout).toHaveBeenCalledOnce()
    expect(submenu(template[4]).map((i) => i.label)).toEqual(['Open the Log Folder'])
  })

  it('About says the version and what it runs on', () => {
    const zh = aboutText('zh-CN', { app: '1.2.3', electron: '45.6.1', chrome: '142.0', node: '24.1.0' })
    expect(zh.message).toBe('企微客户联系控制台')
    expect(zh.detail).toContain('版本 1.2.3')
    expect(zh.detail).toContain('Electron 45.6.1')
    expect(aboutText('en', { app: '1.2.3' }).detail).toContain('Version 1.2.3')
  })
})
