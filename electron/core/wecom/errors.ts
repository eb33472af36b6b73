import type { LocalizedText } from '../../../shared/result'
import { AppError, text } from '../errors'
import { redact } from '../log'
import { describeWecomErrcode } from './errcodes'

/** A WeCom answer with a non-zero errcode. `code` is `wecom_error`. */
export class WecomApiError extends AppError {
  readonly errcode: number
  /** WeCom's own errmsg (informational; may change), with credentials removed. */
  readonly errmsg: string
  readonly path: string

  constructor(errcode: number, errmsg: string, path: string, code = 'wecom_error') {
    const description = describeWecomErrcode(errcode, errmsg)
    super(code, description.text, { hint: description.hint, wecomErrcode: errcode })
    this.name = 'WecomApiError'
    this.errcode = errcode
    this.errmsg = errmsg
    this.path = path
  }
}

/** The corpid / secret pair is wrong (40001, 40013, 40091): never retried. `code` is `wecom_credentials`. */
export class WecomCredentialsError extends WecomApiError {
  constructor(errcode: number, errmsg: string, path: string) {
    super(errcode, errmsg, path, 'wecom_credentials')
    this.name = 'WecomCredentialsError'
  }
}

const clockFormat = (locale: string) =>
  new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false })

/**
 * Calls to a path are paused longer than the caller agreed to wait, either because WeCom answered
 * 45009 or because the console's own budget is spent. `code` is `wecom_rate_limited`.
 */
export class WecomRateLimitedError extends AppError {
  readonly path: string
  /** When calls to the path may start again, ms since epoch. */
  readonly resumeAt: number

  constructor(path: string, resumeAt: number, now: number, source: 'wecom' | 'local') {
    const minutes = Math.max(1, Math.ceil((resumeAt - now) / 60_000))
    const zhTime = clockFormat('zh-CN').format(resumeAt)
    const enTime = clockFormat('en-GB').format(resumeAt)
    const message =
      source === 'wecom'
        ? text(
            `调用太频繁，企业微信暂停了这类请求（${path}），将于 ${zhTime}（约 ${minutes} 分钟后）恢复。`,
            `Too many calls: WeCom paused this kind of request (${path}) until ${enTime} (in about ${minutes} min).`,
          )
        : text(
            `为避免超出企业微信的调用频率上限，本软件暂停了这类请求（${path}），将于 ${zhTime}（约 ${minutes} 分钟后）恢复。`,
            `To stay under WeCom’s call limits, the console paused this kind of request (${path}) until ${enTime} (in about ${minutes} min).`,
          )
    super('wecom_rate_limited', message, {
      hint: text(
        `请在 ${zhTime} 之后重试；已完成的部分不会丢失。`,
        `Retry after ${enTime}; work already done is kept.`,
      ),
      ...(source === 'wecom' ? { wecomErrcode: 45009 } : {}),
    })
    this.name = 'WecomRateLimitedError'
    this.path = path
    this.resumeAt = resumeAt
  }
}

/** How a request failed below the WeCom protocol level. */
export type WecomTransportFailure = 'network' | 'timeout' | 'server_error' | 'http_rejected' | 'bad_response'

const FAILURE_TEXT: Record<WecomTransportFailure, LocalizedText> = {
  network: text('无法连接企业微信服务器。', 'The WeCom server could not be reached.'),
  timeout: text('企业微信服务器长时间没有响应。', 'The WeCom server did not answer in time.'),
  server_error: text('企业微信服务器暂时出错。', 'The WeCom server had a temporary error.'),
  http_rejected: text(
    '企业微信服务器拒绝了请求（HTTP 状态异常）。',
    'The WeCom server refused the request (unexpected HTTP status).',
  ),
  bad_response: text(
    '企业微信服务器返回了无法识别的内容。',
    'The WeCom server answered with something the console could not read.',
  ),
}

/**
 * A read (or a write that provably never left this machine) failed at the network/HTTP level
 * after all retries. `code` is `wecom_network`.
 */
export class WecomNetworkError extends AppError {
  readonly path: string
  readonly failure: WecomTransportFailure
  readonly httpStatus: number | undefined

  constructor(path: string, failure: WecomTransportFailure, httpStatus: number | undefined, cause: unknown) {
    super('wecom_network', FAILURE_TEXT[failure], {
      hint:
        failure === 'http_rejected'
          ? text(
              '请检查「设置 → 连接配置」中的服务器地址，或把日志文件（设置 → 日志）发给技术支持。',
              'Check the server address in Settings → Connection profiles, or send the log file (Settings → Log) to support.',
            )
          : text(
              '请检查网络连接（以及代理设置）后再试。',
              'Check the network connection (and proxy settings), then try again.',
            ),
      cause,
    })
    this.name = 'WecomNetworkError'
    this.path = path
    this.failure = failure
    this.httpStatus = httpStatus
  }
}

/** Transport failures after which a sent write may or may not have been executed. */
export type WecomUncertainFailure = Exclude<WecomTransportFailure, 'http_rejected'>

const OUTCOME_UNKNOWN_TEXT: Record<WecomUncertainFailure, LocalizedText> = {
  network: text('请求已发出，但连接中断了', 'The request was sent, but the connection dropped'),
  timeout: text('请求已发出，但企业微信长时间没有响应', 'The request was sent, but WeCom did not answer in time'),
  server_error: text('请求已发出，但企业微信服务器出错了', 'The request was sent, but the WeCom server had an error'),
  bad_response: text(
    '请求已发出，但企业微信返回的内容无法识别',
    'The request was sent, but WeCom’s answer could not be read',
  ),
}

/**
 * A write was sent but no usable answer came back (network drop, timeout, HTTP 5xx): WeCom may or
 * may not have executed it. Never retried blindly; the caller must reconcile (e.g. look the task up)
 * before sending again. `code` is `wecom_outcome_unknown`.
 */
export class WecomOutcomeUnknownError extends AppError {
  readonly path: string
  readonly failure: WecomUncertainFailure

  constructor(path: string, failure: WecomUncertainFailure, cause: unknown) {
    const lead = OUTCOME_UNKNOWN_TEXT[failure]
    super(
      'wecom_outcome_unknown',
      text(
        `${lead['zh-CN']}，无法确认企业微信是否已执行（${path}）。`,
        `${lead.en}, so it is unknown whether WeCom carried it out (${path}).`,
      ),
      {
        hint: text(
          '为避免重复，本软件没有自动重发。请先刷新记录确认是否已创建，再决定是否重新发送。',
          'To avoid a duplicate, the console did not resend it. Refresh the records to check whether it was created before sending again.',
        ),
        cause,
      },
    )
    this.name = 'WecomOutcomeUnknownError'
    this.path = path
    this.failure = failure
  }
}

/** A file was refused before upload because WeCom would reject it. `code` is `wecom_invalid_media`. */
export class WecomMediaError extends AppError {
  constructor(message: LocalizedText, hint: LocalizedText) {
    super('wecom_invalid_media', message, { hint })
    this.name = 'WecomMediaError'
  }
}

/** WeCom kept answering with a cursor it had already given: stop instead of looping forever. */
export class WecomPaginationError extends AppError {
  constructor(path: string) {
    super(
      'wecom_pagination_stuck',
      text(
        `企业微信的分页数据出现循环，已停止读取（${path}）。`,
        `WeCom’s paged results started repeating, so reading stopped (${path}).`,
      ),
      {
        hint: text(
          '请稍后重新同步；如果反复出现，请把日志文件（设置 → 日志）发给技术支持。',
          'Sync again later; if it keeps happening, send the log file (Settings → Log) to support.',
        ),
      },
    )
    this.name = 'WecomPaginationError'
  }
}

/** A copy of a low-level error that is safe to keep as `cause`: message scrubbed, no stack of URLs. */
export function safeCause(error: unknown, secrets: readonly (string | undefined)[]): Error {
  const source = error instanceof Error ? error : new Error(String(error))
  const inner = source.cause instanceof Error ? source.cause : undefined
  const copy = new Error(redact(source.message, secrets), inner ? { cause: safeCause(inner, secrets) } : undefined)
  copy.name = source.name
  const code = (source as { code?: unknown }).code
  if (typeof code === 'string') Object.assign(copy, { code })
  return copy
}
