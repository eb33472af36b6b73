import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowserShell } from '../../../electron/browser/launch'
import { MAX_FRAME_BYTES } from '../../../electron/browser/server'
import { closedWithin, fakeRendererDir, frame, goodClient, rawBridgeSocket, signIn, type BridgeClient } from './support'

const MiB = 1024 * 1024
const text = (s: string) => Buffer.from(s, 'utf8')

/**
 * Frames a browser never sends but anything on the machine that holds the cookie could: each one
 * used to crash the whole shell (no 'error' listener on accepted sockets). `code` is what ws reports.
 */
const BAD_FRAMES: Array<{ name: string; bytes: () => Buffer; code: string }> = [
  {
    name: 'a 65 MiB frame (over the frame bound)',
    bytes: () =>
      frame({
        first: 0x81,
        payload: Buffer.alloc(65 * MiB, 0x20),
        maskKey: Buffer.alloc(4),
      }),
    code: 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH',
  },
  {
    name: 'a text frame of invalid UTF-8',
    bytes: () =>
      frame({
        first: 0x81,
        payload: Buffer.from([0x7b, 0xc3, 0x28, 0xff, 0x7d]),
      }),
    code: 'WS_ERR_INVALID_UTF8',
  },
  {
    name: 'an unmasked client frame',
    bytes: () => frame({ first: 0x81, payload: text('{"type":"call"}'), masked: false }),
    code: 'WS_ERR_EXPECTED_MASK',
  },
  {
    name: 'a frame with RSV1, RSV2 and RSV3 set',
    bytes: () => frame({ first: 0xf1, payload: text('{}') }),
    code: 'WS_ERR_UNEXPECTED_RSV_2_3',
  },
  {
    name: 'a frame with RSV1 set and no extension agreed',
    bytes: () => frame({ first: 0xc1, payload: text('{}') }),
    code: 'WS_ERR_UNEXPECTED_RSV_1',
  },
  {
    name: 'a frame declaring a 2^63-byte payload',
    bytes: () => frame({ first: 0x82, declaredLength: 2n ** 63n }),
    code: 'WS_ERR_UNSUPPORTED_DATA_PAYLOAD_LENGTH',
  },
]

describe('the browser shell over a real core, against bad WebSocket frames', () => {
  let shell: Awaited<ReturnType<typeof launchBrowserShell>>
  let dataDir: string
  let cookie: string
  let bystander: BridgeClient
  // In a plain process each of these errors was fatal; under vitest it would only be reported, so
  // the test collects them itself.
  const uncaught: unknown[] = []
  const onUncaught = (error: unknown) => uncaught.push(error)

  beforeAll(async () => {
    process.on('uncaughtException', onUncaught)
    dataDir = mkdtempSync(join(tmpdir(), 'shell-frames-'))
    shell = await launchBrowserShell({
      dataDir,
      rendererDir: fakeRendererDir(),
      sandbox: { customers: 20, members: 2, groups: 1 },
    })
    cookie = await signIn(shell.url)
    // A page that was already connected: it must keep working while others are dropped.
    bystander = await goodClient(shell.origin, cookie)
  })

  afterAll(async () => {
    process.off('uncaughtException', onUncaught)
    bystander?.close()
    await shell?.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  const expectAppInfo = async (client: BridgeClient) => {
    const result = await client.call('app:getInfo')
    expect(result).toMatchObject({ ok: true, data: { shell: 'browser' } })
  }

  it('answers a good client before any bad frame', async () => {
    await expectAppInfo(bystander)
  })

  for (const bad of BAD_FRAMES) {
    it(`drops the sender of ${bad.name}, logs it and keeps serving`, async () => {
      const raw = await rawBridgeSocket(shell.port, cookie)
      raw.write(bad.bytes())
      await closedWithin(raw, 5_000)
      expect(uncaught).toEqual([])

      await expectAppInfo(bystander)
      const fresh = await goodClient(shell.origin, cookie)
      await expectAppInfo(fresh)
      fresh.close()

      const log = readFileSync(join(dataDir, 'logs', 'console.log'), 'utf8')
      expect(log).toContain(`"code":"${bad.code}"`)
    })
  }

  it('still carries the largest legitimate call, a 30 MiB addMedia, to a typed result', async () => {
    const dataBase64 = 'A'.repeat(30 * MiB)
    const call = JSON.stringify({
      type: 'call',
      id: 1,
      channel: 'drafts:addMedia',
      input: {
        filename: 'x'.repeat(255),
        contentType: 'application/octet-stream',
        dataBase64,
      },
    })
    expect(call.length).toBeLessThan(MAX_FRAME_BYTES)
    const client = await goodClient(shell.origin, cookie)
    const result = await client.call(
      'drafts:addMedia',
      {
        filename: 'big.bin',
        contentType: 'application/octet-stream',
        dataBase64,
      },
      30_000,
    )
    expect(typeof result.ok).toBe('boolean')
    await expectAppInfo(client)
    client.close()
  })
})
