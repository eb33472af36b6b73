import type { MenuItemConstructorOptions } from 'electron'
import type { Locale } from '../../shared/result'

export const PRODUCT_NAME = { 'zh-CN': '企微客户联系控制台', en: 'WeCom Contact Console' } as const

const LABELS = {
  'zh-CN': {
    about: '关于企微客户联系控制台',
    hide: '隐藏企微客户联系控制台',
    hideOthers: '隐藏其他',
    unhide: '全部显示',
    services: '服务',
    quit: '退出企微客户联系控制台',
    quitWin: '退出',
    edit: '编辑',
    undo: '撤销',
    redo: '重做',
    cut: '剪切',
    copy: '复制',
    paste: '粘贴',
    pasteAndMatchStyle: '粘贴并匹配样式',
    selectAll: '全选',
    view: '视图',
    zoomIn: '放大',
    zoomOut: '缩小',
    resetZoom: '实际大小',
    fullscreen: '切换全屏',
    reload: '重新加载（开发）',
    devTools: '开发者工具（开发）',
    window: '窗口',
    minimize: '最小化',
    zoom: '缩放',
    close: '关闭窗口',
    front: '全部置于顶层',
    help: '帮助',
    openLogs: '打开日志文件夹',
    aboutWin: '关于',
  },
  en: {
    about: 'About WeCom Contact Console',
    hide: 'Hide WeCom Contact Console',
    hideOthers: 'Hide Others',
    unhide: 'Show All',
    services: 'Services',
    quit: 'Quit WeCom Contact Console',
    quitWin: 'Exit',
    edit: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    pasteAndMatchStyle: 'Paste and Match Style',
    selectAll: 'Select All',
    view: 'View',
    zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out',
    resetZoom: 'Actual Size',
    fullscreen: 'Toggle Full Screen',
    reload: 'Reload (development)',
    devTools: 'Developer Tools (development)',
    window: 'Window',
    minimize: 'Minimize',
    zoom: 'Zoom',
    close: 'Close Window',
    front: 'Bring All to Front',
    help: 'Help',
    openLogs: 'Open the Log Folder',
    aboutWin: 'About',
  },
} as const

export interface MenuOptions {
  locale: Locale
  platform: NodeJS.Platform
  /** Reload and developer tools only in a development run. */
  isPackaged: boolean
  openLogFolder(): void
  showAbout(): void
}

/**
 * The application menu, in the user's language (rebuilt when it changes): the app menu (macOS),
 * Edit with copy and paste (the shortcuts work only through it on macOS), View with zoom, Window
 * (macOS), Help with the log folder and About. Reload and developer tools exist only when the app
 * is not packaged: in an installed app a reload would drop unsaved input and devtools open the page.
 */
export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const t = LABELS[options.locale] ?? LABELS['zh-CN']
  const mac = options.platform === 'darwin'
  const about: MenuItemConstructorOptions = { label: mac ? t.about : t.aboutWin, click: () => options.showAbout() }
  const template: MenuItemConstructorOptions[] = []

  if (mac) {
    template.push({
      label: PRODUCT_NAME[options.locale] ?? PRODUCT_NAME['zh-CN'],
      submenu: [
        about,
        { type: 'separator' },
        { role: 'services', label: t.services },
        { type: 'separator' },
        { role: 'hide', label: t.hide },
        { role: 'hideOthers', label: t.hideOthers },
        { role: 'unhide', label: t.unhide },
        { type: 'separator' },
        { role: 'quit', label: t.quit },
      ],
    })
  }

  template.push({
    label: t.edit,
    submenu: [
      { role: 'undo', label: t.undo },
      { role: 'redo', label: t.redo },
      { type: 'separator' },
      { role: 'cut', label: t.cut },
      { role: 'copy', label: t.copy },
      { role: 'paste', label: t.paste },
      ...(mac ? [{ role: 'pasteAndMatchStyle', label: t.pasteAndMatchStyle } as const] : []),
      { role: 'selectAll', label: t.selectAll },
      ...(mac ? [] : [{ type: 'separator' } as const, { role: 'quit', label: t.quitWin } as const]),
    ],
  })

  template.push({
    label: t.view,
    submenu: [
      { role: 'zoomIn', label: t.zoomIn },
      { role: 'zoomOut', label: t.zoomOut },
      { role: 'resetZoom', label: t.resetZoom },
      { type: 'separator' },
      { role: 'togglefullscreen', label: t.fullscreen },
      ...(options.isPackaged
        ? []
        : [
            { type: 'separator' } as const,
            { role: 'reload', label: t.reload } as const,
            { role: 'toggleDevTools', label: t.devTools } as const,
          ]),
    ],
  })

  if (mac) {
    template.push({
      label: t.window,
      submenu: [
        { role: 'minimize', label: t.minimize },
        { role: 'zoom', label: t.zoom },
        { role: 'close', label: t.close },
        { type: 'separator' },
        { role: 'front', label: t.front },
      ],
    })
  }

  template.push({
    label: t.help,
    role: 'help',
    submenu: [
      { label: t.openLogs, click: () => options.openLogFolder() },
      ...(mac ? [] : [{ type: 'separator' } as const, about]),
    ],
  })
  return template
}

/** The About box's text: product, version and what it runs on (support asks for these). */
export function aboutText(
  locale: Locale,
  versions: { app: string; electron?: string; chrome?: string; node?: string },
): { title: string; message: string; detail: string } {
  const zh = locale === 'zh-CN'
  const name = PRODUCT_NAME[locale] ?? PRODUCT_NAME['zh-CN']
  return {
    title: zh ? '关于' : 'About',
    message: name,
    detail: [
      `${zh ? '版本' : 'Version'} ${versions.app}`,
      `Electron ${versions.electron ?? '-'} · Chromium ${versions.chrome ?? '-'} · Node.js ${versions.node ?? '-'}`,
      zh ? '企业微信客户联系运营控制台' : 'WeCom customer-contact operations console',
    ].join('\n'),
  }
}
