import { rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox } from '../../../../electron/core/sandbox'
import type { SandboxHandle } from '../../../../electron/core/sandbox/types'
import { previewAudience } from '../../../../electron/core/audience/resolve'
import type { DraftInput } from '../../../../shared/massMessages'
import { CHOOSE_OWNER } from '../../../../electron/core/services/massMessages/sending/errors'
import { groupOwners } from '../../../../electron/core/services/customers/groups/owners'
import { SMALL_CORP } from '../../customers/support'
import { openCampaignCore, tempDataDir, type CampaignCore } from './harness'

describe('send preview', () => {
  let sandbox: SandboxHandle
  let core: CampaignCore
  let dataDir: string

  beforeAll(async () => {
    sandbox = await startSandbox({ ...SMALL_CORP, taskSpeed: 100 })
    dataDir = tempDataDir()
    core = await openCampaignCore(dataDir, sandbox)
    expect(await core.syncCache()).toMatchObject({ state: 'done' })
  })
  afterAll(async () => {
    await core.close()
    await sandbox.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  const text = { text: '新品上市，老客户专享九折', attachments: [] }
  const preview = async (draft: Omit<DraftInput, 'content'> & { content?: DraftInput['content'] }) =>
    core.campaigns.preview(await core.saveDraft({ content: text, ...draft }))

  it('counts a filter’s customers, one call per 10,000, and each member’s tasks as the audience engine does', async () => {
    const filter = { members: [...sandbox.state.customersByMember.keys()].slice(0, 4) }
    const audience = previewAudience(core.ctx.workspace(), filter)
    const result = await preview({ chatType: 'single', targeting: { mode: 'filter', filter } })
    expect(audience.count).toBeGreaterThan(0)
    expect(result).toMatchObject({ chatType: 'single', recipients: audience.count, calls: 1, overCap: 0, problems: [] })
    expect(result.senders).toEqual(audience.senders)
    expect(result.senders.every((sender) => sender.name !== sender.userid)).toBe(true)
  })

  it('takes an owner’s cached groups in one call, and picked groups per owner', async () => {
    const [first, second] = [...new Set(sandbox.state.groupChats.map((chat) => chat.owner))]
    const owned = (owner: string | undefined) => sandbox.state.groupChats.filter((chat) => chat.owner === owner)

    const byOwner = await preview({ chatType: 'group', targeting: { mode: 'groupsByOwner', senders: [first!] } })
    expect(byOwner).toMatchObject({ recipients: owned(first).length, calls: 1 })
    expect(byOwner.senders).toEqual([expect.objectContaining({ userid: first, count: owned(first).length })])

    const picked = [...owned(first).slice(0, 1), ...owned(second)].map((chat) => chat.chatId)
    const groups = await preview({
      chatType: 'group',
      targeting: { mode: 'groups', chatIds: [...picked, 'wrUnknownChat'] },
    })
    expect(groups).toMatchObject({ recipients: picked.length, calls: 2 })
    expect(groups.senders.map((sender) => [sender.userid, sender.count]).sort()).toEqual(
      [
        [first, 1],
        [second, owned(second).length],
      ].sort(),
    )
  })

  it('takes several owners’ groups, one task each, counting groups per owner; asks for an owner when none is chosen', async () => {
    const owners = groupOwners(core.ctx.workspace())
    const owned = (owner: string) => sandbox.state.groupChats.filter((chat) => chat.owner === owner)
    // Only owners of live cached groups, each with its count, most first; the sandbox has members owning none.
    expect(owners.length).toBeGreaterThan(1)
    expect(owners.length).toBeLessThan(sandbox.state.members.length)
    for (const owner of owners) expect(owner.groupCount).toBe(owned(owner.userid).length)
    expect(owners.map((owner) => owner.groupCount)).toEqual(owners.map((o) => o.groupCount).sort((a, b) => b - a))
    expect(owners.every((owner) => owner.name !== owner.userid)).toBe(true)

    const [first, second] = owners
    const both = await preview({
      chatType: 'group',
      targeting: { mode: 'groupsByOwner', senders: [first!.userid, second!.userid] },
    })
    expect(both).toMatchObject({ recipients: first!.groupCount + second!.groupCount, calls: 2, problems: [] })
    expect(both.senders).toEqual([
      { userid: first!.userid, name: first!.name, count: first!.groupCount },
      { userid: second!.userid, name: second!.name, count: second!.groupCount },
    ])

    const none = await preview({ chatType: 'group', targeting: { mode: 'groupsByOwner', senders: [] } })
    expect(none.problems).toEqual([CHOOSE_OWNER.en])
    const legacyEmpty = await preview({ chatType: 'group', targeting: { mode: 'groupsByOwner', sender: '' } })
    expect(legacyEmpty.problems).toEqual([CHOOSE_OWNER.en])
  })

  it('leaves out picked customers the last sync found gone', async () => {
    const picked = sandbox.state.customers.slice(0, 10).map((customer) => customer.externalUserid)
    core.ctx.workspace().db.prepare('UPDATE customers SET gone_at = 1 WHERE external_userid = ?').run(picked[0]!)
    const result = await preview({ chatType: 'single', targeting: { mode: 'customers', externalUserids: picked } })
    expect(result).toMatchObject({ recipients: 9, calls: 1 })
    expect(result.senders.reduce((sum, sender) => sum + sender.count, 0)).toBe(9)
  })

  it('counts recipients over the receive cap by the journal of earlier sends, per the chosen rule', async () => {
    const customers = sandbox.state.customers.slice(20, 30).map((customer) => customer.externalUserid)
    const earlier = await core.saveDraft({
      chatType: 'single',
      content: text,
      targeting: { mode: 'customers', externalUserids: customers.slice(0, 4) },
    })
    core.campaigns.send({ draftId: earlier })
    await core.campaigns.idle()

    const next = { chatType: 'single', targeting: { mode: 'customers', externalUserids: customers } } as const
    expect(core.campaigns.setSettings('daily-1')).toEqual({ receiveCap: 'daily-1' })
    expect(await preview(next)).toMatchObject({ recipients: 10, overCap: 4, capRule: 'daily-1' })
    core.campaigns.setSettings('days-in-month')
    expect(core.campaigns.settings()).toEqual({ receiveCap: 'days-in-month' })
    expect(await preview(next)).toMatchObject({ overCap: 0, capRule: 'days-in-month' })
  })

  it('returns what blocks sending as sentences instead of throwing', async () => {
    const tooLong = await preview({
      chatType: 'single',
      content: { text: '长'.repeat(1400), attachments: [] },
      targeting: { mode: 'filter', filter: {} },
    })
    expect(tooLong).toMatchObject({ recipients: 0, calls: 0 })
    expect(tooLong.problems).toEqual([expect.stringContaining('at most 4,000 bytes')])

    const mismatch = await preview({ chatType: 'group', targeting: { mode: 'filter', filter: {} } })
    expect(mismatch.problems).toEqual([expect.stringContaining('do not match the message type')])

    const nobody = await preview({ chatType: 'group', targeting: { mode: 'groups', chatIds: ['wrUnknownChat'] } })
    expect(nobody.problems).toEqual([expect.stringContaining('nobody to send to')])
  })
})
