import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deliveredAppMessages, SANDBOX_AGENTID } from '../../../../electron/core/sandbox/handlers/app-messages'
import type { SandboxHandle } from '../../../../electron/core/sandbox/types'
import type { WecomApiError } from '../../../../electron/core/wecom'
import { createWecomClient, WecomRateLimiter, WecomTokenCache } from '../../../../electron/core/wecom'
import { startCorp } from '../../customers/support'

let sandbox: SandboxHandle
beforeAll(async () => {
  ;({ sandbox } = await startCorp({ customers: 20, members: 5, groups: 0 }))
})
afterAll(() => sandbox.close())

const clientWith = (agentid?: string) =>
  createWecomClient({
    baseUrl: sandbox.url,
    corpid: sandbox.corpid,
    secret: sandbox.secret,
    ...(agentid === undefined ? {} : { agentid }),
    tokenCache: new WecomTokenCache(),
    rateLimiter: new WecomRateLimiter(),
  })
const card = {
  title: '请发表企业朋友圈',
  description: '<div class="normal">新品</div>',
  url: 'https://work.weixin.qq.com/',
}

describe('message/send (app messages) against the sandbox', () => {
  it('delivers a text card to the app’s members and names the unknown ones in invaliduser', async () => {
    const client = clientWith(String(SANDBOX_AGENTID))
    expect(client.messages.hasAgent).toBe(true)
    const member = sandbox.state.members[0]!.userid
    const answer = await client.messages.sendTextCard({ touser: [member, 'nobody'], textcard: card })
    expect(answer.invalidUsers).toEqual(['nobody'])
    expect(deliveredAppMessages(sandbox.state).at(-1)).toMatchObject({
      msgtype: 'textcard',
      touser: [member],
      textcard: { ...card, btntxt: '详情' },
    })
  })

  it('cuts a long title and description as WeCom does (128 and 512 bytes)', async () => {
    const client = clientWith(String(SANDBOX_AGENTID))
    await client.messages.sendTextCard({
      touser: [sandbox.state.members[1]!.userid],
      textcard: { title: '标'.repeat(100), description: '述'.repeat(400), url: card.url, btntxt: '马上去发表' },
    })
    const sent = deliveredAppMessages(sandbox.state).at(-1)!.textcard!
    expect(Buffer.from(sent.title).length).toBeLessThanOrEqual(128)
    expect(Buffer.from(sent.description).length).toBeLessThanOrEqual(512)
    expect(sent.btntxt).toBe('马上去发')
  })

  it('refuses nobody valid (81013), another app’s agentid (301002); no agentid means no app messages', async () => {
    const error = (promise: Promise<unknown>) =>
      promise.then(
        () => undefined,
        (e: unknown) => e as WecomApiError,
      )
    const good = clientWith(String(SANDBOX_AGENTID))
    expect((await error(good.messages.sendTextCard({ touser: ['nobody'], textcard: card })))?.errcode).toBe(81013)
    const other = clientWith('7')
    expect(
      (await error(other.messages.sendTextCard({ touser: [sandbox.state.members[0]!.userid], textcard: card })))
        ?.errcode,
    ).toBe(301002)
    const none = clientWith()
    expect(none.messages.hasAgent).toBe(false)
    await expect(none.messages.sendTextCard({ touser: ['x'], textcard: card })).rejects.toThrow(/agentid/)
  })
})
