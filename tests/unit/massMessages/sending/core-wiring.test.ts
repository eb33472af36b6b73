import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox } from '../../../../electron/core/sandbox'
import type { SandboxHandle } from '../../../../electron/core/sandbox/types'
import type { SendJobSummary } from '../../../../shared/massMessages'
import { SMALL_CORP, startCoreOn, syncThroughCore, type CoreOnSandbox } from '../../customers/support'

describe('campaigns:* through the core a shell builds', () => {
  let sandbox: SandboxHandle
  let onSandbox: CoreOnSandbox

  beforeAll(async () => {
    sandbox = await startSandbox({ ...SMALL_CORP, taskSpeed: 100 })
    onSandbox = await startCoreOn(sandbox)
    await syncThroughCore(onSandbox.core)
  })
  afterAll(async () => {
    await onSandbox.close()
    await sandbox.close()
  })

  it('previews, sends with job updates, lists jobs, and answers refusals in the user’s language', async () => {
    const { core } = onSandbox
    const saved = await core.invoke('massMessages:saveDraft', {
      title: '618 预告',
      chatType: 'single',
      content: { text: '618 大促预告', attachments: [] },
      targeting: { mode: 'filter', filter: {} },
    })
    const draftId = saved.ok ? (saved.data as { id: string }).id : ''

    const preview = await core.invoke('massMessages:preview', { draftId })
    expect(preview).toMatchObject({
      ok: true,
      data: { recipients: SMALL_CORP.customers, calls: 1, overCap: 0, capRule: 'days-in-month', problems: [] },
    })

    const done = new Promise<SendJobSummary>((resolve) =>
      core.events.subscribe((channel, payload) => {
        if (channel === 'massMessages:onJobUpdate' && (payload as SendJobSummary).state === 'done')
          resolve(payload as SendJobSummary)
      }),
    )
    const sent = await core.invoke('massMessages:send', { draftId })
    expect(sent).toMatchObject({ ok: true, data: { title: '618 预告', state: 'preparing', chunks: { total: 1 } } })
    const finished = await done
    expect(finished.msgids).toHaveLength(1)
    expect(await core.invoke('massMessages:jobs', undefined)).toMatchObject({ ok: true, data: [{ id: finished.id }] })

    const refused = await core.invoke('massMessages:cancelJob', { jobId: finished.id })
    expect(refused).toMatchObject({ ok: false, error: { code: 'campaign_not_cancellable' } })
    expect(refused.ok || refused.error.message).toContain('不能再取消')
  })
})
