import { contract, type Api } from '@shared/contract'
import { buildApi, type ContractTransport } from '@shared/contract/define'
import type { Result } from '@shared/result'

/** Must match the browser shell's server (electron/browser/server.ts). */
const BRIDGE_PATH = '/bridge'

type ServerFrame =
  { type: 'result'; id: number; result: Result<unknown> } | { type: 'event'; channel: string; payload: unknown }

const disconnected: Result<never> = {
  ok: false,
  error: {
    code: 'bridge_closed',
    message: '与控制台后台的连接已断开。 / The connection to the console backend was lost.',
    hint: '请重新启动 npm run start:browser 后刷新页面。 / Restart `npm run start:browser` and reload the page.',
  },
}

/**
 * The contract over the browser shell's loopback WebSocket, built with the same `buildApi` as the
 * preload so both shells expose the same `window.api`. The page holds no credential: the browser
 * sends the shell's HttpOnly session cookie with the handshake, and the shell checks it.
 */
export async function connectBrowserShell(): Promise<Api> {
  const socket = new WebSocket(`ws://${location.host}${BRIDGE_PATH}`)
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true })
    socket.addEventListener(
      'error',
      () =>
        reject(
          new Error(
            '无法连接控制台后台：请确认 npm run start:browser 仍在运行，并打开它最近一次打印的地址。 / ' +
              'Could not reach the console backend: check that `npm run start:browser` is still running ' +
              'and open the address it printed last.',
          ),
        ),
      { once: true },
    )
  })

  let nextId = 1
  const pending = new Map<number, (result: Result<unknown>) => void>()
  const listeners = new Map<string, Set<(payload: unknown) => void>>()

  socket.addEventListener('message', (message: MessageEvent<string>) => {
    const frame = JSON.parse(message.data) as ServerFrame
    if (frame.type === 'result') {
      pending.get(frame.id)?.(frame.result)
      pending.delete(frame.id)
    } else {
      for (const listener of listeners.get(frame.channel) ?? []) listener(frame.payload)
    }
  })
  socket.addEventListener('close', () => {
    for (const resolve of pending.values()) resolve(disconnected)
    pending.clear()
  })

  const transport: ContractTransport = {
    invoke: (channel, input) =>
      new Promise((resolve) => {
        if (socket.readyState !== WebSocket.OPEN) return resolve(disconnected)
        const id = nextId++
        pending.set(id, resolve)
        socket.send(JSON.stringify({ type: 'call', id, channel, input }))
      }),
    subscribe: (channel, listener) => {
      const set = listeners.get(channel) ?? new Set()
      set.add(listener)
      listeners.set(channel, set)
      return () => set.delete(listener)
    },
  }
  return buildApi(contract, transport)
}
