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

/** app:* — shell facts, the language the core answers in, and the connection status. */
export function appHandlers(
  ctx: CoreContext,
  app: {
    version: string
    shell: 'electron' | 'browser'
    secretProtection: SecretProtection
    setLocale(l: Locale): void
  },
): Handlers['app'] {
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
  }
}
