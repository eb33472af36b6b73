import { randomBytes } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { connect, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import WebSocket from 'ws'
import type { Result } from '../../../shared/result'

/** A renderer folder with just an index.html and one asset: enough for the shell to serve. */
export function fakeRendererDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'shell-renderer-'))
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head></head><body>console page</body></html>')
  writeFileSync(join(dir, 'app.js'), 'console.log("asset")')
  return dir
}

export interface HttpAnswer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** A plain GET (or other method) against the shell, with whatever headers the test wants. */
export function get(
  url: string,
  headers: Record<string, string> = {},
  method: 'GET' | 'HEAD' | 'POST' = 'GET',
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

/** Opens the printed address the way a browser would and returns the `name=value` cookie it got. */
export async function signIn(url: string): Promise<string> {
  const answer = await get(url)
  const cookie = answer.headers['set-cookie']?.[0]
  if (answer.status !== 303 || !cookie) throw new Error(`sign-in failed: ${answer.status}`)
  return cookie.split(';')[0]!
}

/** A bridge client as the page is one: right Origin, the session cookie. */
export async function goodClient(origin: string, cookie: string): Promise<BridgeClient> {
  const socket = new WebSocket(`${origin.replace('http', 'ws')}/bridge`, {
    headers: { Origin: origin, Cookie: cookie },
  })
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve())
    socket.once('error', reject)
    socket.once('unexpected-response', (_req, res) => reject(new Error(`refused with ${res.statusCode}`)))
  })
  return new BridgeClient(socket)
}

export class BridgeClient {
  private nextId = 1
  constructor(readonly socket: WebSocket) {}

  /** One contract call; rejects if no result frame arrives in time or the connection closes. */
  call(channel: string, input?: unknown, timeoutMs = 10_000): Promise<Result<unknown>> {
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => done(new Error(`no result for ${channel} within ${timeoutMs} ms`)), timeoutMs)
      const onMessage = (data: WebSocket.RawData) => {
        const frame = JSON.parse(data.toString()) as {
          type: string
          id?: number
          result?: Result<unknown>
        }
        if (frame.type === 'result' && frame.id === id) done(null, frame.result)
      }
      const onClose = () => done(new Error(`connection closed before ${channel} answered`))
      const done = (error: Error | null, result?: Result<unknown>) => {
        clearTimeout(timer)
        this.socket.off('message', onMessage)
        this.socket.off('close', onClose)
        if (error) reject(error)
        else resolve(result!)
      }
      this.socket.on('message', onMessage)
      this.socket.on('close', onClose)
      this.socket.send(JSON.stringify({ type: 'call', id, channel, input }))
    })
  }

  close(): void {
    this.socket.terminate()
  }
}

/**
 * A raw TCP connection that has completed a valid WebSocket handshake (right Host, Origin and
 * cookie), so the test can write any bytes it likes as frames.
 */
export async function rawBridgeSocket(port: number, cookie: string): Promise<Socket> {
  const socket = connect(port, '127.0.0.1')
  // The shell may reset the connection mid-write; that is the point of these tests.
  socket.on('error', () => {})
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()))
  socket.write(
    [
      'GET /bridge HTTP/1.1',
      `Host: 127.0.0.1:${port}`,
      `Origin: http://127.0.0.1:${port}`,
      `Cookie: ${cookie}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
      'Sec-WebSocket-Version: 13',
      '',
      '',
    ].join('\r\n'),
  )
  const head = await new Promise<string>((resolve, reject) => {
    let got = ''
    const onData = (chunk: Buffer) => {
      got += chunk.toString('latin1')
      if (!got.includes('\r\n\r\n')) return
      socket.off('data', onData)
      resolve(got)
    }
    socket.on('data', onData)
    socket.once('close', () => reject(new Error(`closed during the handshake: ${got}`)))
  })
  if (!head.startsWith('HTTP/1.1 101')) throw new Error(`handshake refused: ${head.split('\r\n')[0]}`)
  return socket
}

/** Resolves once the peer has closed the socket; rejects after `ms`. */
export function closedWithin(socket: Socket, ms: number): Promise<void> {
  if (socket.destroyed || socket.readableEnded) return Promise.resolve()
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the shell kept the connection open for ${ms} ms`)), ms)
    socket.resume() // read (and discard) whatever the shell sends, such as its close frame
    socket.once('close', () => {
      clearTimeout(timer)
      resolve()
    })
  })
}

/**
 * One client-to-server frame, hand-made: `first` is the FIN/RSV/opcode byte; the mask bit and
 * the length encoding follow RFC 6455 unless the test overrides them.
 */
export function frame(options: {
  first: number
  payload?: Buffer
  masked?: boolean
  /** Declared length, when it must differ from the payload (e.g. 2^63). */
  declaredLength?: bigint
  /** The masking key; all zeros leaves a large payload as it is without a byte-by-byte pass. */
  maskKey?: Buffer
}): Buffer {
  const payload = options.payload ?? Buffer.alloc(0)
  const masked = options.masked ?? true
  const length = options.declaredLength ?? BigInt(payload.length)
  let header: Buffer
  if (length < 126n) header = Buffer.from([options.first, Number(length)])
  else if (length < 65536n) {
    header = Buffer.alloc(4)
    header[0] = options.first
    header[1] = 126
    header.writeUInt16BE(Number(length), 2)
  } else {
    header = Buffer.alloc(10)
    header[0] = options.first
    header[1] = 127
    header.writeBigUInt64BE(length, 2)
  }
  if (!masked) return Buffer.concat([header, payload])
  header.writeUInt8(header.readUInt8(1) | 0x80, 1)
  const key = options.maskKey ?? randomBytes(4)
  if (key.equals(Buffer.alloc(4))) return Buffer.concat([header, key, payload])
  const body = Buffer.from(payload)
  for (let i = 0; i < body.length; i++) body.writeUInt8(body.readUInt8(i) ^ key.readUInt8(i % 4), i)
  return Buffer.concat([header, key, body])
}
