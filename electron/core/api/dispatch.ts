import { listChannels, type ContractDefs, type HandlersOf } from '../../../shared/contract/define'
import type { ApiError, Locale, Result } from '../../../shared/result'
import { describeIssues } from '../../../shared/validation'
import { AppError, text } from '../errors'
import type { Logger } from '../log'

type AnyHandler = (input: unknown) => Promise<unknown>
interface Route {
  parse(input: unknown): { success: true; data: unknown } | { success: false; error: { issues: unknown[] } }
  handle: AnyHandler
}

export const INVALID_INPUT_HINT = text('请检查标红的内容后再试。', 'Check the highlighted fields and try again.')

/** The localized error for input that fails its schema; the service is never called. */
function invalidInputError(messages: string[], locale: Locale): ApiError {
  return {
    code: 'invalid_input',
    message: messages.join(' '),
    hint: INVALID_INPUT_HINT[locale],
  }
}

const INTERNAL = new AppError(
  'internal',
  text('出了点问题，操作没有完成。', 'Something went wrong and the action did not finish.'),
  {
    hint: text(
      '请重试；如果一直出现，请把日志文件（设置 → 日志）发给技术支持。',
      'Try again; if it keeps happening, send the log file (Settings → Log) to support.',
    ),
  },
)

const UNKNOWN_CHANNEL = new AppError(
  'unknown_channel',
  text('这个功能在当前版本中不存在。', 'This action does not exist in this version.'),
  { hint: text('请更新应用后再试。', 'Update the app and try again.') },
)

/**
 * The contract's handler table behind one entry point: validate the input with the channel's
 * schema, call the service, and answer a Result whose error is in the user's language.
 */
export function createDispatcher<C extends ContractDefs>(
  contract: C,
  handlers: HandlersOf<C>,
  deps: { locale: () => Locale; log: Logger },
): (channel: string, input: unknown) => Promise<Result<unknown>> {
  const routes = new Map<string, Route>()
  for (const { domain, action, channel, def } of listChannels(contract)) {
    if (def.kind !== 'call') continue
    const handle = (handlers as unknown as Record<string, Record<string, AnyHandler | undefined>>)[domain]?.[action]
    if (!handle) throw new Error(`No handler for ${channel}`)
    routes.set(channel, { parse: (input) => def.input.safeParse(input) as ReturnType<Route['parse']>, handle })
  }

  return async (channel, input) => {
    const locale = deps.locale()
    const route = routes.get(channel)
    if (!route) return { ok: false, error: UNKNOWN_CHANNEL.toApiError(locale) }
    const parsed = route.parse(input)
    if (!parsed.success) {
      const issues = parsed.error.issues as Parameters<typeof describeIssues>[0]
      deps.log.warn('invalid input', { channel, issues: issues.map((i) => ({ code: i.code, path: i.path })) })
      return { ok: false, error: invalidInputError(describeIssues(issues, locale), locale) }
    }
    try {
      return { ok: true, data: await route.handle(parsed.data) }
    } catch (error) {
      return { ok: false, error: toApiError(error, locale, deps.log, channel) }
    }
  }
}

/** Maps anything thrown by a service to a localized ApiError; unexpected faults are logged, not shown raw. */
function toApiError(error: unknown, locale: Locale, log: Logger, channel: string): ApiError {
  if (error instanceof AppError) {
    log.info('call failed', { channel, code: error.code, wecomErrcode: error.wecomErrcode })
    return error.toApiError(locale)
  }
  log.error('unexpected failure', { channel, error })
  return INTERNAL.toApiError(locale)
}
