import type { IncomingMessage, ServerResponse } from 'node:http'
import type { FaultInjector } from './faults'
import type { PathRateLimiter } from './rate-limit'
import type { Fields } from './request-fields'
import {
  BinaryReply,
  type ApiReply,
  type ApiRequest,
  type Route,
  type RouteTable,
  type SandboxContext,
  type UploadedFile,
} from './routing'
import { serveSandboxFile } from './static-files'
import type { SandboxRequestRecord } from './types'
import { errmsgFor, WeComError } from './wecom-error'

const API_PREFIX = '/cgi-bin/'
/** Query parameters that are secrets and never reach the request log. */
const SECRET_PARAMS: ReadonlySet<string> = new Set(['access_token', 'corpsecret'])
/** Uploads are at most 20 MB; anything far larger is refused before parsing. */
const MAX_BODY_BYTES = 32 * 1024 * 1024

/** What the request pipeline needs besides the handlers' context. */
export interface SandboxServerParts {
  context: SandboxContext
  routes: RouteTable
  limiter: PathRateLimiter
  faults: FaultInjector
  log: SandboxRequestRecord[]
  maxConcurrentPerPath: number
}

/** How a request ends. `droppable`: it got past auth, so an injected dropResponse applies. */
type Outcome =
  | {
      kind: 'json'
      httpStatus: number
      errcode: number
      payload: Record<string, unknown>
      mutated: boolean
      droppable: boolean
    }
  | { kind: 'binary'; reply: BinaryReply; droppable: boolean }
  | { kind: 'injected-status'; httpStatus: number; droppable: boolean }

interface ParsedBody {
  body: Fields
  upload: UploadedFile | undefined
  /** What the request log shows: the JSON, or a summary of the upload. */
  logged: unknown
  malformed: boolean
}

function errorOutcome(errcode: number, message: string, droppable: boolean, httpStatus = 200): Outcome {
  return {
    kind: 'json',
    httpStatus,
    errcode,
    payload: { errcode, errmsg: errmsgFor(errcode, message) },
    mutated: false,
    droppable,
  }
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size <= MAX_BODY_BYTES) chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

/** JSON bodies, or multipart uploads (field `media`) parsed with the Web Request API. */
async function parseBody(contentType: string, raw: Buffer): Promise<ParsedBody> {
  const empty: ParsedBody = { body: {}, upload: undefined, logged: undefined, malformed: false }
  if (contentType.startsWith('multipart/form-data')) {
    try {
      const form = await new Request('http://sandbox/', {
        method: 'POST',
        headers: { 'content-type': contentType },
        body: new Uint8Array(raw),
      }).formData()
      const media = form.get('media')
      if (!(media instanceof File)) return { ...empty, logged: {} }
      const upload = { filename: media.name, contentType: media.type, bytes: new Uint8Array(await media.arrayBuffer()) }
      return { ...empty, upload, logged: { media: { filename: upload.filename, size: upload.bytes.length } } }
    } catch {
      return { ...empty, malformed: true }
    }
  }
  if (raw.length === 0) return empty
  try {
    const json: unknown = JSON.parse(raw.toString('utf8'))
    const isObject = typeof json === 'object' && json !== null && !Array.isArray(json)
    return { ...empty, body: isObject ? (json as Fields) : {}, logged: json, malformed: !isObject }
  } catch {
    return { ...empty, malformed: true }
  }
}

function loggableQuery(url: URL): Record<string, string> {
  const query: Record<string, string> = {}
  for (const [name, value] of url.searchParams) if (!SECRET_PARAMS.has(name)) query[name] = value
  return query
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve()
}

/**
 * Runs one admitted request: auth, then injected faults (so a forced errcode never changes state),
 * then the handler.
 */
async function execute(
  parts: SandboxServerParts,
  route: Route,
  path: string,
  url: URL,
  method: string,
  parsed: ParsedBody,
): Promise<Outcome> {
  const { context, faults } = parts
  try {
    if (route.auth) context.tokens.verify(url.searchParams.get('access_token') ?? undefined)
  } catch (error) {
    if (error instanceof WeComError) return errorOutcome(error.errcode, error.message, false)
    throw error
  }
  const injectedStatus = faults.takeHttpStatus(path)
  if (injectedStatus !== undefined) return { kind: 'injected-status', httpStatus: injectedStatus, droppable: true }
  const injectedErrcode = faults.takeErrcode(path)
  if (injectedErrcode !== undefined) {
    return errorOutcome(injectedErrcode, injectedErrcode === -1 ? 'system busy' : 'injected error', true)
  }
  if (method !== route.method) return errorOutcome(40058, `invalid parameter: use ${route.method} for ${path}`, true)
  if (parsed.malformed) return errorOutcome(40058, 'invalid parameter: malformed request body', true)
  const request: ApiRequest = { query: Object.fromEntries(url.searchParams), body: parsed.body, upload: parsed.upload }
  try {
    return successOutcome(await route.handle(context, request), route.write)
  } catch (error) {
    if (error instanceof WeComError) return errorOutcome(error.errcode, error.message, true)
    return errorOutcome(-1, `system error: ${error instanceof Error ? error.message : String(error)}`, true, 500)
  }
}

function successOutcome(reply: ApiReply, write: boolean): Outcome {
  if (reply instanceof BinaryReply) return { kind: 'binary', reply, droppable: true }
  return {
    kind: 'json',
    httpStatus: 200,
    errcode: 0,
    payload: { errcode: 0, errmsg: 'ok', ...reply },
    mutated: write,
    droppable: true,
  }
}

function writeOutcome(response: ServerResponse, outcome: Outcome): void {
  if (outcome.kind === 'json') {
    response.writeHead(outcome.httpStatus, { 'content-type': 'application/json; charset=UTF-8' })
    response.end(JSON.stringify(outcome.payload))
  } else if (outcome.kind === 'binary') {
    const { reply } = outcome
    response.writeHead(200, {
      'content-type': reply.contentType,
      'content-length': reply.bytes.length,
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(reply.filename)}`,
    })
    response.end(reply.bytes)
  } else {
    response.writeHead(outcome.httpStatus, { 'content-type': 'text/html' })
    response.end(`<html><body>${outcome.httpStatus} injected by the sandbox</body></html>`)
  }
}

/**
 * The HTTP request listener: rate limit (45009), concurrency (45033), injected latency, then
 * execute; every /cgi-bin/ request is logged in arrival order.
 */
export function createRequestListener(
  parts: SandboxServerParts,
): (request: IncomingMessage, response: ServerResponse) => void {
  const inFlight = new Map<string, number>()

  async function handleApi(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const { context, faults, limiter, log } = parts
    const path = url.pathname.slice(API_PREFIX.length)
    const method = request.method ?? 'GET'
    const record: SandboxRequestRecord = {
      seq: log.length + 1,
      startedAt: context.now(),
      finishedAt: 0,
      method,
      path,
      body: undefined,
      query: loggableQuery(url),
      errcode: null,
      httpStatus: 0,
      mutated: false,
    }
    log.push(record)
    const raw = await readBody(request)
    const parsed = await parseBody(request.headers['content-type'] ?? '', raw)
    record.body = parsed.logged
    const route = parts.routes[path]
    let outcome: Outcome
    if (raw.length > MAX_BODY_BYTES) {
      outcome = errorOutcome(40006, 'request body too large', false)
    } else if (!route) {
      // WeCom has no documented "unknown API" errcode; 48002 (API not permitted) is the closest documented one.
      outcome = errorOutcome(48002, `api forbidden: unknown path ${path}`, false)
    } else if (!limiter.admit(path)) {
      outcome = errorOutcome(45009, 'api freq out of limit', false)
    } else if ((inFlight.get(path) ?? 0) >= parts.maxConcurrentPerPath) {
      outcome = errorOutcome(45033, 'api concurrent out of limit', false)
    } else {
      inFlight.set(path, (inFlight.get(path) ?? 0) + 1)
      try {
        await sleep(faults.latencyFor(path))
        outcome = await execute(parts, route, path, url, method, parsed)
      } finally {
        inFlight.set(path, (inFlight.get(path) ?? 1) - 1)
      }
    }
    finish(record, outcome, response)
  }

  function finish(record: SandboxRequestRecord, outcome: Outcome, response: ServerResponse): void {
    record.finishedAt = parts.context.now()
    const dropped = outcome.droppable && parts.faults.takeDrop(record.path)
    record.mutated = outcome.kind === 'json' && outcome.mutated
    if (dropped) {
      record.httpStatus = 0
      response.socket?.destroy()
      return
    }
    record.httpStatus = outcome.kind === 'binary' ? 200 : outcome.httpStatus
    record.errcode = outcome.kind === 'json' ? outcome.errcode : outcome.kind === 'binary' ? 0 : null
    writeOutcome(response, outcome)
  }

  return (request, response) => {
    const url = new URL(request.url ?? '/', 'http://sandbox')
    if (url.pathname.startsWith(API_PREFIX)) {
      handleApi(request, response, url).catch(() => response.destroy())
      return
    }
    if (request.method === 'GET' && serveSandboxFile(parts.context.state, url.pathname, response)) return
    response.writeHead(404, { 'content-type': 'text/plain' })
    response.end('not found')
  }
}
