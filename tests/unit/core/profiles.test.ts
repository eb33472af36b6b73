import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SANDBOX_PROFILE_ID } from '../../../shared/profiles'
import { AppError } from '../../../electron/core/errors'
import { createLogger } from '../../../electron/core/log'
import { ProfileService } from '../../../electron/core/services/profiles/profiles'
import { JsonFileSettings } from '../../../electron/core/store/settings'
import { LocalFileVault } from '../../../electron/core/store/vault'

const SECRET = 'SuperSecretValue_1234567890'

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'profiles-'))
  const logFile = join(dir, 'console.log')
  const log = createLogger({ file: logFile })
  const settings = new JsonFileSettings(join(dir, 'settings.json'))
  const vault = new LocalFileVault(dir)
  const sandbox = async () => ({ url: 'http://127.0.0.1:1', corpid: 'wwsandbox', secret: 'sandbox-secret' })
  return { dir, logFile, log, settings, vault, service: new ProfileService(settings, vault, log, sandbox) }
}

const input = { name: '总部', corpid: 'ww0123456789abcdef', secret: SECRET, baseUrl: 'https://qyapi.weixin.qq.com' }

describe('connection profiles', () => {
  it('lists the sandbox first and active until another profile is chosen', async () => {
    const { service } = setup()
    const [sandbox] = await service.list('zh-CN')
    expect(sandbox).toMatchObject({ id: SANDBOX_PROFILE_ID, isSandbox: true, active: true, name: '演示企业（沙箱）' })
    const saved = await service.save(input)
    service.setActive(saved.id)
    const list = await service.list('en')
    expect(list.map((p) => [p.name, p.active])).toEqual([
      ['Demo corp (sandbox)', false],
      ['总部', true],
    ])
  })

  it('keeps the secret in the vault only: never in settings or the summary', async () => {
    const { service, dir } = setup()
    const saved = await service.save(input)
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).not.toContain(SECRET)
    const listed = await service.list('en')
    expect(JSON.stringify(listed)).not.toContain(SECRET)
    expect(listed[1]).toMatchObject({ hasSecret: true })
    expect((await service.credentials(saved.id)).secret).toBe(SECRET)
  })

  it('keeps the stored secret when an edit leaves it empty, replaces it when given', async () => {
    const { service } = setup()
    const saved = await service.save(input)
    await service.save({ id: saved.id, name: '分部', corpid: input.corpid, baseUrl: input.baseUrl })
    expect(await service.credentials(saved.id)).toMatchObject({ name: '分部', secret: SECRET })
    await service.save({ ...input, id: saved.id, secret: 'NewSecret_987654321' })
    expect((await service.credentials(saved.id)).secret).toBe('NewSecret_987654321')
  })

  it('requires a secret for a new profile', async () => {
    const { service } = setup()
    await expect(
      service.save({ name: 'x', corpid: 'ww1', baseUrl: 'https://qyapi.weixin.qq.com' }),
    ).rejects.toMatchObject({
      code: 'secret_required',
    })
  })

  it('refuses to edit or remove the sandbox', async () => {
    const { service } = setup()
    await expect(service.remove(SANDBOX_PROFILE_ID)).rejects.toBeInstanceOf(AppError)
    await expect(service.save({ ...input, id: SANDBOX_PROFILE_ID })).rejects.toMatchObject({
      code: 'sandbox_read_only',
    })
  })

  it('removes the secret with the profile and falls back to the sandbox', async () => {
    const { service, vault } = setup()
    const saved = await service.save(input)
    service.setActive(saved.id)
    await service.remove(saved.id)
    expect(await vault.has(saved.id)).toBe(false)
    expect(service.activeId()).toBe(SANDBOX_PROFILE_ID)
    await expect(service.credentials(saved.id)).rejects.toMatchObject({ code: 'profile_not_found' })
  })

  it('masks a saved secret in the log even when code logs it by mistake', async () => {
    const { service, log, logFile } = setup()
    await service.save(input)
    log.error('oops', { detail: `url?corpsecret=${SECRET}`, note: `the secret is ${SECRET}` })
    const written = readFileSync(logFile, 'utf8')
    expect(written).toContain('oops')
    expect(written).not.toContain(SECRET)
  })
})
