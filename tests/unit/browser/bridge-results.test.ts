import { afterEach, describe, expect, it } from 'vitest'
import type { Core } from '../../../electron/core'
import { CoreEvents } from '../../../electron/core/events'
import { startBrowserShell, type BrowserShell } from '../../../electron/browser/server'
import type { Locale, Result } from '../../../shared/result'
import { fakeRendererDir, goodClient, signIn } from './support'

/** A core stand-in whose calls the test scripts: what the shell does with them is what is tested. */
function stubCore(invoke: Core['invoke'], locale: Locale = 'en'): Core {
  return {
    invoke,
    events: new CoreEvents(),
    locale: () => locale,
    close: async () => {},
  }
}

const echo: Core['invoke'] = async (channel) => ({ ok: true, data: channel })

const open: BrowserShell[] = []
afterEach(async () => {
  while (open.length) await open.pop()!.close()
})

async function connected(core: Core = stubCore(echo)) {
  const shell = await startBrowserShell({
    core,
    rendererDir: fakeRendererDir(),
  })
  open.push(shell)
  return goodClient(shell.origin, await signIn(shell.url))
}

describe('the bridge always answers a call with a typed result', () => {
  const internal = (locale: Locale) =>
    expect.objectContaining({
      ok: false,
      error: expect.objectContaining({
        code: 'internal',
        message: locale === 'en' ? 'Something went wrong and the action did not finish.' : '出了点问题，操作没有完成。',
      }),
    })

  it('turns a core that throws, rejects or answers the unsendable into `internal`, in the user language', async () => {
    let locale: Locale = 'en'
    const core = stubCore(async (channel): Promise<Result<unknown>> => {
      if (channel === 'x:throw') throw new Error('ENOSPC: no space left on device')
      if (channel === 'x:bigint') return { ok: true, data: 1n }
      return { ok: true, data: channel }
    })
    core.locale = () => locale
    const syncThrow = stubCore(() => {
      throw new Error('thrown before any promise')
    })
    const client = await connected(core)
    expect(await client.call('x:throw')).toEqual(internal('en'))
    expect(await client.call('x:bigint')).toEqual(internal('en'))
    locale = 'zh-CN'
    expect(await client.call('x:throw')).toEqual(internal('zh-CN'))
    expect(await client.call('app:getInfo')).toEqual({
      ok: true,
      data: 'app:getInfo',
    })
    client.close()

    const second = await connected(syncThrow)
    expect(await second.call('app:getInfo')).toEqual(internal('en'))
    second.close()
  })

  it('ignores frames that are not calls and keeps the connection', async () => {
    const client = await connected()
    client.socket.send('not json')
    client.socket.send('null')
    client.socket.send(JSON.stringify({ type: 'call', id: 'x', channel: 'app:getInfo' }))
    client.socket.send(Buffer.from([1, 2, 3]))
    expect(await client.call('app:getInfo')).toEqual({
      ok: true,
      data: 'app:getInfo',
    })
    client.close()
  })
})
