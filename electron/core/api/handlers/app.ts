import type { Handlers } from '../../../../shared/contract'
import type { SecretProtection } from '../../../../shared/profiles'
import type { Locale } from '../../../../shared/result'
import type { CoreContext } from '../../context'

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
    setLocale: async ({ locale }) => {
      app.setLocale(locale)
      ctx.connection.republish()
      return { locale }
    },
    getStatus: async () => ctx.connection.status(),
  }
}
