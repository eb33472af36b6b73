import { readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type RawData, type WebSocket } from 'ws'
import { DEFAULT_LOCALE, type Locale, type Result } from '../../shared/result'
import type { Core } from '../core'
import { INTERNAL_ERROR } from '../core/errors'
import type { Logger } from '../core/log'
import { contentTypeOf, resolveStaticFile } from '../core/static-files'
import { CONTENT_SECURITY_POLICY } from '../core/security'
import { CODE_PARAM, createShellSession, refusalPage } from './session'

export const BRIDGE_PATH = '/bridge'

/**
 * The largest frame the bridge reads. The largest legitimate call is `drafts:addMedia`, whose
 * `dataBase64` may hold 30 MiB (shared/contract); base64 is ASCII, so that is 30 MiB of frame, and
 * the rest of its envelope (id, channel, a filename of at most 255 and a content type of at most
 * 100 characters, even fully \u-escaped) is under 3 KiB. 32 MiB passes that call with room to
 * spare and keeps what one frame can make the core buffer at about the size of one legitimate file.
 */
export const MAX_FRAME_BYTES = 32 * 1024 * 1024

export interface BrowserShellOptions {
  core: Core
  /** Folder of the built renderer (index.html and assets). */
  rendererDir: string
  /** 0 or omitted: a free port. */
  port?: number
  /** Where dropped connections and refused requests are noted; the core's logger. */
  log?: Logger
}

export interface BrowserShell {
  /** The address to open: `http://127.0.0.1:PORT/?code=…`, valid for one browser, once. */
  url: string
  /** `http://127.0.0.1:PORT`, the only Origin the bridge accepts. */
  origin: string
  port: number
  /** Name of the session cookie the one-time code is exchanged for. */
  cookieName: string
  close(): Promise<void>
}

/** Messages on the bridge: the page sends calls; the shell answers results and pushes events. */
type BridgeRequest = { type: 'call'; id: number; channel: string; input?: unknown }

function parseRequest(raw: string): BridgeRequest | null {
  try {
    const value = JSON.parse(raw) as Partial<BridgeRequest> | null
    if (value?.type === 'call' && Number.isSafeInteger(value.id) && typeof value.channel === 'string')
      return value as BridgeRequest
  } catch {
    // fall through: malformed frames are dropped
  }
  return null
}

/** Logging is best-effort: whatever logger is passed in, a throw from it must not take a connection down. */
function safeLogger(log: Logger | undefined): Pick<Logger, 'info' | 'warn' | 'error'> {
  const guard =
    (level: 'info' | 'warn' | 'error') =>
    (message: string, fields?: Record<string, unknown>): void => {
      try {
        log?.[level](message, fields)
      } catch {
        // nowhere left to report it
      }
    }
  return { info: guard('info'), warn: guard('warn'), error: guard('error') }
}

/**
 * Serves the built renderer on 127.0.0.1 and carries the contract over a loopback WebSocket that
 * accepts only this launch's session cookie from this origin. Same core, same contract: no
 * features of its own. Nothing a client sends (a bad request, a bad frame, a call the core throws
 * on) takes the shell down: the client gets an error or is dropped, and everyone else is served.
 */
export async function startBrowserShell(options: BrowserShellOptions): Promise<BrowserShell> {
  const { core, rendererDir } = options
  const log = safeLogger(options.log)
  let origin = ''
  let host = ''
  // Replaced once the port is known: the cookie name carries it.
  let session = createShellSession(0)

  const locale = (): Locale => {
    try {
      return core.locale()
    } catch {
      return DEFAULT_LOCALE
    }
  }

  const baseHeaders = {
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
  }

  const refuse = (res: ServerResponse, reason: 'no-session' | 'code-spent') => {
    res
      .writeHead(403, {
        ...baseHeaders,
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy':
          "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        'x-frame-options': 'DENY',
      })
      .end(refusalPage(reason))
  }

  const sendFile = (path: string, res: ServerResponse) => {
    const file =
      resolveStaticFile(rendererDir, path) ??
      (path.includes('.') ? null : resolveStaticFile(rendererDir, '/index.html'))
    if (!file) {
      res.writeHead(404, { ...baseHeaders, 'content-type': 'text/plain' }).end('Not found')
      return
    }
    const headers: Record<string, string> = { ...baseHeaders, 'content-type': contentTypeOf(file) }
    if (file.endsWith('.html')) {
      headers['content-security-policy'] = CONTENT_SECURITY_POLICY.replace(
        "connect-src 'self'",
        `connect-src 'self' ws://${host}`,
      )
      headers['x-frame-options'] = 'DENY'
    }
    res.writeHead(200, headers).end(readFileSync(file))
  }

  const handleRequest = (req: IncomingMessage, res: ServerResponse) => {
    // Host check: a DNS-rebinding page cannot reach the shell through another name.
    if (req.headers.host !== host) {
      res.writeHead(421, { 'content-type': 'text/plain' }).end('Misdirected request')
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end()
      return
    }
    const url = new URL(req.url ?? '/', origin)
    const code = url.searchParams.get(CODE_PARAM)
    if (code !== null) {
      // The printed address: swap the code for the cookie (GET only, so a HEAD probe cannot spend it),
      // then send the browser to the address without the code. A browser that already holds the
      // cookie (the address opened twice) is just sent on.
      const hasSession = session.hasSession(req.headers.cookie)
      const exchanged = !hasSession && req.method === 'GET' && session.exchange(code)
      if (!hasSession && !exchanged) {
        log.warn('browser shell: refused a spent or wrong sign-in code')
        refuse(res, 'code-spent')
        return
      }
      // Always to "/": a path taken from the request could be "//host", an open redirect.
      const headers: Record<string, string> = { ...baseHeaders, location: '/' }
      if (exchanged) {
        headers['set-cookie'] = session.setCookie()
        log.info('browser shell: a browser signed in with the one-time code')
      }
      res.writeHead(303, headers).end()
      return
    }
    if (!session.hasSession(req.headers.cookie)) {
      refuse(res, 'no-session')
      return
    }
    sendFile(url.pathname, res)
  }

  const server = createServer((req, res) => {
    try {
      handleRequest(req, res)
    } catch (error) {
      log.error('browser shell: request failed', { url: req.url?.split('?')[0], error })
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' })
      res.end()
    }
  })
  // Malformed HTTP is Node's to answer: without a 'clientError' listener it replies 400/408/431 and
  // closes that socket. The server's own 'error' events reach the WebSocketServer, which logs them.

  const verify = (req: IncomingMessage, requestOrigin: string | undefined): string | null => {
    if (requestOrigin !== origin) return 'origin'
    if (req.headers.host !== host) return 'host'
    if (!session.hasSession(req.headers.cookie)) return 'cookie'
    return null
  }

  const wss = new WebSocketServer({
    server,
    path: BRIDGE_PATH,
    maxPayload: MAX_FRAME_BYTES,
    perMessageDeflate: false,
    verifyClient: ({ req, origin: requestOrigin }: { req: IncomingMessage; origin: string | undefined }) => {
      try {
        const refused = verify(req, requestOrigin)
        if (refused) log.warn('browser shell: refused a bridge connection', { reason: refused })
        return refused === null
      } catch (error) {
        log.error('browser shell: bridge handshake failed', { error })
        return false
      }
    },
  })
  // The http server's own errors are re-emitted here; without this listener they would throw.
  wss.on('error', (error) => log.error('browser shell: server error', { error }))
  // Handshakes ws rejects itself (bad method, key, version or path) get its 4xx and are closed.

  const clients = new Set<WebSocket>()

  const send = (socket: WebSocket, frame: unknown) => {
    if (socket.readyState !== socket.OPEN) return
    socket.send(JSON.stringify(frame), (error) => {
      if (error) log.warn('browser shell: could not send to the page', { error: error.message })
    })
  }

  const unsubscribe = core.events.subscribe((channel, payload) => {
    for (const socket of clients) {
      try {
        send(socket, { type: 'event', channel, payload })
      } catch (error) {
        log.error('browser shell: could not forward an event', { channel, error })
      }
    }
  })

  /** Every call ends in a Result sent back: a throw (or an unsendable result) becomes `internal`. */
  const answer = async (socket: WebSocket, request: BridgeRequest) => {
    let result: Result<unknown>
    try {
      result = await core.invoke(request.channel, request.input)
    } catch (error) {
      log.error('browser shell: call threw', { channel: request.channel, error })
      result = { ok: false, error: INTERNAL_ERROR.toApiError(locale()) }
    }
    try {
      send(socket, { type: 'result', id: request.id, result })
    } catch (error) {
      log.error('browser shell: could not send a result', { channel: request.channel, error })
      send(socket, {
        type: 'result',
        id: request.id,
        result: { ok: false, error: INTERNAL_ERROR.toApiError(locale()) },
      })
    }
  }

  wss.on('connection', (socket) => {
    clients.add(socket)
    socket.on('close', () => clients.delete(socket))
    // A frame ws cannot accept (too large, bad UTF-8, unmasked, RSV bits, an impossible length)
    // arrives here instead of crashing the process: drop that connection only.
    socket.on('error', (error: Error & { code?: string }) => {
      log.warn('browser shell: dropped a bridge connection after a bad frame', {
        code: error.code,
        error: error.message,
      })
      clients.delete(socket)
      socket.terminate()
    })
    socket.on('message', (data: RawData, isBinary: boolean) => {
      const request = isBinary ? null : parseRequest(data.toString())
      if (!request) {
        log.warn('browser shell: ignored a frame that is not a call')
        return
      }
      void answer(socket, request).catch((error: unknown) => log.error('browser shell: call failed', { error }))
    })
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  host = `127.0.0.1:${port}`
  origin = `http://${host}`
  session = createShellSession(port)

  let closing: Promise<void> | undefined
  return {
    url: `${origin}/?${CODE_PARAM}=${session.code}`,
    origin,
    port,
    cookieName: session.cookieName,
    close: () =>
      (closing ??= (async () => {
        unsubscribe()
        for (const socket of clients) socket.terminate()
        await new Promise<void>((resolve) => wss.close(() => resolve()))
        await new Promise<void>((resolve) => server.close(() => resolve()))
      })()),
  }
}
