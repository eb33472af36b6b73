import { listChannels, type ContractDefs, type HandlersOf } from '../../../shared/contract/define'
import { DEFAULT_LOCALE, type ApiError, type Locale, type Result } from '../../../shared/result'
import { describeIssues } from '../../../shared/validation'
import { AppError, diskFullError, INTERNAL_ERROR, INVALID_INPUT_HINT, isDiskFull, text } from '../errors'
import { redact, type Logger } from '../log'

type AnyHandler = (input: unknown) => Promise<unknown>
interface Route {
  parse(input: unknown): { success: true; data: unknown } | { success: false; error: { issues: unknown[] } }
  handle: AnyHandler
}

/** The localized error for input that fails its schema; the service is never called. */
function invalidInputError(messages: string[], locale: Locale): ApiError {
  return {
    code: 'invalid_input',
    message: messages.join(' '),
    hint: INVALID_INPUT_HINT[locale],
  }
}

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
  deps: {
    locale: () => Locale
    log: Logger
    /**
     * Given what a call threw, the error to answer instead, if the failure means more than itself
     * (a damaged workspace page: the workspace is moved aside and the call says so).
     */
    translateFailure?: (error: unknown) => Promise<AppError | undefined>
  },
): (channel: string, input: unknown) => Promise<Result<unknown>> {
  const routes = new Map<string, Route>()
  for (const { domain, action, channel, def } of listChannels(contract)) {
    if (def.kind !== 'call') continue
    const handle = (handlers as unknown as Record<string, Record<string, AnyHandler | undefined>>)[domain]?.[action]
    if (!handle) throw new Error(`No handler for ${channel}`)
    routes.set(channel, { parse: (input) => def.input.safeParse(input) as ReturnType<Route['parse']>, handle })
  }

  return async (channel, input) => {
    let locale: Locale = DEFAULT_LOCALE
    try {
      locale = deps.locale()
      const route = routes.get(channel)
      if (!route) return { ok: false, error: UNKNOWN_CHANNEL.toApiError(locale) }
      const parsed = route.parse(input)
      if (!parsed.success) {
        const issues = parsed.error.issues as Parameters<typeof describeIssues>[0]
        safeLog(deps.log, 'warn', 'invalid input', {
          channel,
          issues: issues.map((i) => ({ code: i.code, path: i.path })),
        })
        return { ok: false, error: invalidInputError(describeIssues(issues, locale), locale) }
      }
      return { ok: true, data: await route.handle(parsed.data) }
    } catch (error) {
      let answer: unknown = error
      try {
        answer = (await deps.translateFailure?.(error)) ?? error
      } catch (translateError) {
        safeLog(deps.log, 'error', 'failure translation failed', { channel, error: translateError })
      }
      return { ok: false, error: toApiError(answer, locale, deps.log, channel) }
    }
  }
}

/**
 * Maps anything thrown (by a service, a schema, even the logger) to a localized ApiError: a full
 * disk says so, AppErrors keep their text, anything else is logged and shown as `internal`.
 * Never throws.
 */
export function toApiError(error: unknown, locale: Locale, log: Logger, channel: string): ApiError {
  try {
    if (isDiskFull(error) && !(error instanceof AppError && error.code === 'disk_full')) {
      safeLog(log, 'warn', 'call failed: disk full', { channel, error })
      return scrub(diskFullError(error).toApiError(locale))
    }
    if (error instanceof AppError) {
      safeLog(log, 'info', 'call failed', { channel, code: error.code, wecomErrcode: error.wecomErrcode })
      return scrub(error.toApiError(locale))
    }
  } catch {
    // fall through to the plain internal error
  }
  safeLog(log, 'error', 'unexpected failure', { channel, error })
  return INTERNAL_ERROR.toApiError(locale)
}

/** Last line of defence: no access_token / corpsecret query value ever reaches the page. */
function scrub(error: ApiError): ApiError {
  const out: ApiError = { ...error, message: redact(error.message, []) }
  if (error.hint !== undefined) out.hint = redact(error.hint, [])
  return out
}

/** Logging is best effort: a logger that throws must not turn an answer into a crash. */
function safeLog(log: Logger, level: 'info' | 'warn' | 'error', message: string, fields: Record<string, unknown>) {
  try {
    log[level](message, fields)
  } catch {
    // nothing sensible left to do with the line
  }
}
