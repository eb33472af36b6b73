import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SandboxHandle } from '../../../../electron/core/sandbox/types'
import type { AudiencePreview, CustomerFilter, SavedAudience } from '../../../../shared/customers'
import type { ApiError, Result } from '../../../../shared/result'
import { expectedCustomers, type CoreOnSandbox, invokeOk, openSyncedCorp } from '../support'

let sandbox: SandboxHandle
let app: CoreOnSandbox

let closeCorp: () => Promise<void>

beforeAll(async () => {
  ;({ sandbox, app, close: closeCorp } = await openSyncedCorp())
})
afterAll(() => closeCorp())

const call = <T>(channel: string, input?: unknown): Promise<T> => invokeOk<T>(app.core, channel, input)
async function refusal(channel: string, input?: unknown): Promise<ApiError> {
  const result = (await app.core.invoke(channel, input)) as Result<unknown>
  if (result.ok) throw new Error(`${channel} was expected to fail`)
  return result.error
}

describe('saved audiences (customers:listAudiences / saveAudience / removeAudience)', () => {
  it('names a filter, keeps it in the workspace, and reaches the same customers when reused', async () => {
    const tag = sandbox.state.customers.flatMap((c) => c.follows.flatMap((f) => f.tagIds))[0]!
    const filter: CustomerFilter = { tags: { mode: 'or', ids: [tag] }, genders: [1, 2] }
    const saved = await call<SavedAudience>('customers:saveAudience', { name: '  老客户 VIP  ', filter })
    expect(saved).toMatchObject({ name: '老客户 VIP', filter })

    const listed = await call<SavedAudience[]>('customers:listAudiences')
    expect(listed.map((a) => a.name)).toContain('老客户 VIP')
    // Kept in the profile's workspace database, not in memory.
    const row = app.workspace.db.prepare('SELECT name, filter FROM saved_audiences WHERE id = ?').get(saved.id)
    expect(row).toEqual({ name: '老客户 VIP', filter: JSON.stringify(filter) })

    const reused = listed.find((a) => a.id === saved.id)!
    const preview = await call<AudiencePreview>('customers:previewAudience', { filter: reused.filter })
    expect(preview.count).toBe(expectedCustomers(sandbox.state, filter).length)
    expect(preview.count).toBeGreaterThan(0)
  })

  it('refuses a name another audience holds (any letter case), an empty name and one over 30 characters', async () => {
    await call('customers:saveAudience', { name: 'Weekend', filter: { genders: [2] } })
    const taken = await refusal('customers:saveAudience', { name: ' weekend ', filter: {} })
    expect(taken.code).toBe('audience_name_taken')
    expect(taken.message).toBe('已经有一个叫「Weekend」的受众了。')

    expect((await refusal('customers:saveAudience', { name: '   ', filter: {} })).code).toBe('audience_name_missing')
    const long = await refusal('customers:saveAudience', { name: '客'.repeat(31), filter: {} })
    expect(long.code).toBe('audience_name_too_long')
    expect(long.message).toBe('受众名称最多 30 个字，现在有 31 个字。')
    expect(
      (await call<SavedAudience>('customers:saveAudience', { name: '客'.repeat(30), filter: {} })).name,
    ).toHaveLength(30)
  })

  it('updates a saved audience by id, and removes it', async () => {
    const first = await call<SavedAudience>('customers:saveAudience', { name: 'Temp', filter: {} })
    const renamed = await call<SavedAudience>('customers:saveAudience', {
      id: first.id,
      name: 'TEMP',
      filter: { types: [1] },
    })
    expect(renamed).toMatchObject({ id: first.id, name: 'TEMP', filter: { types: [1] }, createdAt: first.createdAt })
    expect(await call('customers:removeAudience', { id: first.id })).toEqual({ id: first.id })
    const names = (await call<SavedAudience[]>('customers:listAudiences')).map((a) => a.name)
    expect(names).not.toContain('TEMP')
    expect((await refusal('customers:removeAudience', { id: first.id })).code).toBe('audience_not_found')
  })
})
