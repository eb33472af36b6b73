import type { EndpointSpec } from './endpoints'
import type { AttemptResult } from './retry-policy'

/** Query parameters (for GET, and for POST uploads), a JSON body, or a multipart form. */
export interface CallInput {
  query?: Record<string, string | number | undefined>
  body?: unknown
  form?: FormData
}

/** A downloaded file (media/get). */
export interface DownloadedFile {
  data: Uint8Array
  contentType: string
  /** From Content-Disposition, when WeCom sent one. */
  filename?: string
}

/** How one HTTP exchange ended, with the status and errcode the request log shows. */
export interface HttpAttempt {
  result: AttemptResult
  httpStatus: number | null
  errcode: number | null
}

/** Error codes proving the request never reached the server, so even a write may be resent. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
])

/**
 * Sends one request to `{baseUrl}/cgi-bin/{path}` (access_token in the query string) and
 * classifies the answer. Never throws: every failure becomes an `AttemptResult`.
 */
export async function sendHttpAttempt(
  baseUrl: string,
  endpoint: EndpointSpec,
  input: CallInput,
  token: string | undefined,
  timeoutMs: number,
): Promise<HttpAttempt> {
  const init: RequestInit = { method: endpoint.method, signal: AbortSignal.timeout(timeoutMs) }
  if (input.form) init.body = input.form
  else if (input.body !== undefined) {
    init.body = JSON.stringify(input.body)
    init.headers = { 'content-type': 'application/json; charset=utf-8' }
  }
  let url: URL
  try {
    url = new URL(`${baseUrl.replace(/\/+$/, '')}/cgi-bin/${endpoint.path}`)
  } catch (error) {
    return {
      result: { type: 'failed', failure: 'network', sent: false, cause: error },
      httpStatus: null,
      errcode: null,
    }
  }
  for (const [key, value] of Object.entries(input.query ?? {}))
    if (value !== undefined) url.searchParams.set(key, String(value))
  if (token) url.searchParams.set('access_token', token)

  let response: Response
  try {
    response = await fetch(url, init)
  } catch (error) {
    return { result: fetchFailure(error), httpStatus: null, errcode: null }
  }
  try {
    return await readResponse(endpoint, response)
  } catch (error) {
    return { result: fetchFailure(error), httpStatus: response.status, errcode: null }
  }
}

async function readResponse(endpoint: EndpointSpec, response: Response): Promise<HttpAttempt> {
  const httpStatus = response.status
  const failed = async (failure: 'server_error' | 'http_rejected' | 'bad_response'): Promise<HttpAttempt> => {
    await response.body?.cancel().catch(() => undefined)
    return { result: { type: 'failed', failure, sent: true, httpStatus, cause: undefined }, httpStatus, errcode: null }
  }
  if (httpStatus >= 500) return failed('server_error')
  if (!response.ok) return failed('http_rejected')

  const contentType = response.headers.get('content-type') ?? ''
  if (endpoint.binary && !/json|text\/plain/i.test(contentType)) {
    const file: DownloadedFile = { data: new Uint8Array(await response.arrayBuffer()), contentType }
    const filename = dispositionFilename(response.headers.get('content-disposition'))
    if (filename) file.filename = filename
    return { result: { type: 'ok', body: file }, httpStatus, errcode: 0 }
  }
  const answer = parseAnswer(await response.text())
  if (!answer) return failed('bad_response')
  const errcode = typeof answer.errcode === 'number' ? answer.errcode : 0
  if (errcode === 0) return { result: { type: 'ok', body: answer }, httpStatus, errcode }
  const errmsg = typeof answer.errmsg === 'string' ? answer.errmsg : ''
  return { result: { type: 'errcode', errcode, errmsg }, httpStatus, errcode }
}

function fetchFailure(error: unknown): AttemptResult {
  const name = error instanceof Error ? error.name : ''
  if (name === 'TimeoutError' || name === 'AbortError')
    return { type: 'failed', failure: 'timeout', sent: true, cause: error }
  const code = errorCode(error instanceof Error ? error.cause : undefined) ?? errorCode(error)
  return { type: 'failed', failure: 'network', sent: !(code && NOT_SENT_CODES.has(code)), cause: error }
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code
  return typeof code === 'string' ? code : undefined
}

function parseAnswer(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body)
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

function dispositionFilename(header: string | null): string | undefined {
  if (!header) return undefined
  const encoded = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(header)?.[1]
  if (encoded) {
    try {
      return decodeURIComponent(encoded.trim().replace(/^"|"$/g, ''))
    } catch {
      // fall back to the plain filename parameter
    }
  }
  return /filename="?([^";]+)"?/i.exec(header)?.[1]
}
