import { spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { smallSandbox, TestApi } from './helpers'

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('node_modules/.bin/tsx', ['electron/core/sandbox/cli.ts', ...args])
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      if (stdout.includes('\n')) child.kill('SIGTERM')
    })
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

describe('sandbox server', () => {
  it('answers 48002 for unknown paths, 40058 for the wrong method and malformed JSON', async () => {
    const api = new TestApi(await smallSandbox())
    expect((await api.get('externalcontact/no_such_api')).errcode).toBe(48002)
    expect((await api.get('externalcontact/get_corp_tag_list')).errcode).toBe(40058)
    const malformed = await api.raw('externalcontact/get_corp_tag_list', {}, { method: 'POST', body: '{not json' })
    expect(((await malformed.json()) as { errcode: number }).errcode).toBe(40058)
  })

  it('logs every request in arrival order, marking successful writes as mutated', async () => {
    const api = new TestApi(await smallSandbox())
    const customer = api.sandbox.state.customers[0]!
    const relation = { userid: customer.follows[0]!.userid, external_userid: customer.externalUserid }
    await api.post('externalcontact/remark', { ...relation, remark: 'ok' })
    await api.post('externalcontact/remark', { ...relation, remark: 'x'.repeat(21) })
    await api.post('externalcontact/get_corp_tag_list', {})
    const log = api.sandbox.requestLog
    expect(log.map((record) => record.seq)).toEqual(log.map((_, index) => index + 1))
    expect(log.slice(1).map((record) => [record.path, record.errcode, record.mutated])).toEqual([
      ['externalcontact/remark', 0, true],
      ['externalcontact/remark', 40058, false],
      ['externalcontact/get_corp_tag_list', 0, false],
    ])
    expect(log[1]!.body).toEqual({ ...relation, remark: 'ok' })
    expect(log[1]!.finishedAt).toBeGreaterThanOrEqual(log[1]!.startedAt)
  })

  it('runs from the CLI with one ready line, and exits 2 on bad arguments', async () => {
    const ready = await runCli(['--port', '0', '--customers', '500', '--members', '10', '--groups', '5', '--seed', '9'])
    expect(ready.stdout.trim()).toMatch(/^sandbox: http:\/\/127\.0\.0\.1:\d+ corpid=ww[0-9a-f]{16} secret=\w+$/)
    expect(ready.code).toBe(0)
    const bad = await runCli(['--port', '0', '--customers', 'many'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--customers')
  })
})
