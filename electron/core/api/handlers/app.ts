import type { Handlers } from '../../../../shared/contract'
import type { SecretProtection } from '../../../../shared/profiles'
import type { Locale } from '../../../../shared/result'
import type { CoreContext } from '../../context'
import { AppError, isDiskFull, text } from '../../errors'

/** The language setting could not be written; the language did not change. */
function localeNotSaved(cause: unknown): AppError {
  return new AppError(
    'settings_write_failed',
    text(
      '语言设置保存失败，界面语言没有改变。',
      'The language setting could not be saved, so the language did not change.',
    ),
    {
      hint: text(
        '请检查数据文件夹的磁盘空间和写入权限，然后再试。',
        'Check free disk space and write permission of the data folder, then try again.',
      ),
      cause,
    },
  )
}

/**
 * The core's own cap on renderer error reports, above the renderer's 20 a minute: a page stuck in
 * an error loop (or one that ignores its limit) cannot flood the log.
 */
const MAX_REPORTS_PER_MINUTE = 60

/** app:* — shell facts, the language the core answers in, the connection status, renderer errors. */
export function appHandlers(
  ctx: CoreContext,
  app: {
    version: string
    shell: 'electron' | 'browser'
    secretProtection: SecretProtection
    setLocale(l: Locale): void
    now?: () => number
  },
): Handlers['app'] {
  const now = app.now ?? Date.now
  let reportWindow = { start: 0, count: 0, dropped: 0 }
  return {
    getInfo: async () => ({
      version: app.version,
      shell: app.shell,
      locale: ctx.locale(),
      secretProtection: app.secretProtection,
      logFile: ctx.log.file ?? '',
    }),
    /** The language changes only once the setting is saved; a failed save leaves it as it was. */
    setLocale: async ({ locale }) => {
      try {
        app.setLocale(locale)
      } catch (error) {
        // AppErrors and a full disk are already worded for the user (the dispatcher maps the latter).
        throw error instanceof AppError || isDiskFull(error) ? error : localeNotSaved(error)
      }
      ctx.connection.republish()
      return { locale }
    },
    getStatus: async () => ctx.connection.status(),
    /** Logs a renderer error at error level; the logger redacts secrets and tokens in every field. */
    reportError: async ({ message, stack, source, info }) => {
      const at = now()
      if (at - reportWindow.start >= 60_000) {
        if (reportWindow.dropped > 0) ctx.log.warn('renderer error reports dropped', { dropped: reportWindow.dropped })
        reportWindow = { start: at, count: 0, dropped: 0 }
      }
      if (reportWindow.count >= MAX_REPORTS_PER_MINUTE) {
        reportWindow.dropped++
        return
      }
      reportWindow.count++
      ctx.log.error('renderer error', { source, message, ...(stack ? { stack } : {}), ...(info ? { info } : {}) })
    },
  }
}
