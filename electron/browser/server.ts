import { randomBytes, timingSafeEqual } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import type { Core } from '../core'
import { contentTypeOf, resolveStaticFile } from '../core/static-files'
import { CONTENT_SECURITY_POLICY } from '../core/security'

/** The page finds its per-launch token here; the WebSocket bridge accepts nothing else. */
export const TOKEN_META_NAME = 'console-shell-token'
export const BRIDGE_PATH = '/bridge'

export interface BrowserShellOptions {
  core: Core
  /** Folder of the built renderer (index.html and assets). */
  rendererDir: string
  /** 0 or omitted: a free port. */
  port?: number
}

export interface BrowserShell {
  url: string
  port: number
  /** The per-launch token (for tests that connect a raw WebSocket). */
  token: string
  close(): Promise<void>
}

/** Messages on the bridge: the page sends calls; the shell answers results and pushes events. */
type BridgeRequest = { type: 'call'; id: number; channel: string; input?: unknown }

function parseRequest(raw: string): BridgeRequest | null {
  try {
    const value = JSON.parse(raw) as Partial<BridgeRequest>
    if (value.type === 'call' && Number.isSafeInteger(value.id) && typeof value.channel === 'string')
      return value as BridgeRequest
  } catch {
    // fall through: malformed frames are dropped
  }
  return null
}

function tokensMatch(given: string | null, expected: string): boolean {
  if (!given) return false
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * Serves the built renderer on 127.0.0.1 and carries the contract over a loopback WebSocket that
 * accepts only this launch's token from this origin. Same core, same contract: no features of its own.
 */
export async function startBrowserShell(options: BrowserShellOptions): Promise<BrowserShell> {
  const { core, rendererDir } = options
  const token = randomBytes(32).toString('base64url')
  let origin = ''
  let host = ''

  const sendFile = (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname
    const file =
      resolveStaticFile(rendererDir, path) ??
      (path.includes('.') ? null : resolveStaticFile(rendererDir, '/index.html'))
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found')
      return
    }
    const headers: Record<string, string> = {
      'content-type': contentTypeOf(file),
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    }
    if (file.endsWith('.html')) {
      headers['content-security-policy'] = CONTENT_SECURITY_POLICY.replace(
        "connect-src 'self'",
        `connect-src 'self' ws://${host}`,
      )
      headers['x-frame-options'] = 'DENY'
      const html = readFileSync(file, 'utf8').replace(
        '<head>',
        `<head><meta name="${TOKEN_META_NAME}" content="${token}">`,
      )
      res.writeHead(200, headers).end(html)
      return
    }
    res.writeHead(200, headers).end(readFileSync(file))
  }

  const server = createServer((req, res) => {
    // Host check: a DNS-rebinding page cannot read the token through another name.
    if (req.headers.host !== host) {
      res.writeHead(421, { 'content-type': 'text/plain' }).end('Misdirected request')
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end()
      return
    }
    sendFile(req, res)
  })

  const wss = new WebSocketServer({
    server,
    path: BRIDGE_PATH,
    maxPayload: 64 * 1024 * 1024,
    verifyClient: ({ req, origin: requestOrigin }: { req: IncomingMessage; origin: string }) => {
      const given = new URL(req.url ?? '', 'http://x').searchParams.get('token')
      return requestOrigin === origin && req.headers.host === host && tokensMatch(given, token)
    },
  })

  const clients = new Set<WebSocket>()
  const unsubscribe = core.events.subscribe((channel, payload) => {
    const frame = JSON.stringify({ type: 'event', channel, payload })
    for (const socket of clients) socket.send(frame)
  })

  wss.on('connection', (socket) => {
    clients.add(socket)
    socket.on('close', () => clients.delete(socket))
    socket.on('message', (data) => {
      const request = parseRequest(data.toString())
      if (!request) return
      void core.invoke(request.channel, request.input).then((result) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ type: 'result', id: request.id, result }))
      })
    })
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  host = `127.0.0.1:${port}`
  origin = `http://${host}`

  return {
    url: `${origin}/`,
    port,
    token,
    close: async () => {
      unsubscribe()
      for (const socket of clients) socket.terminate()
      await new Promise<void>((resolve) => wss.close(() => resolve()))
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
