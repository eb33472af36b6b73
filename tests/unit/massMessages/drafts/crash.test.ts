import { spawn } from 'node:child_process'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { draftInputSchema } from '../../../../shared/massMessages'
import { DraftRepository } from '../../../../electron/core/store/repositories/drafts'
import { openWorkspace } from '../../../../electron/core/store/workspace'
import { useTempDir } from '../../store/temp-dir'
import { AUTOSAVED_DRAFT_ID, autosaveInput } from './fixtures/autosave-content'

const tempDir = useTempDir()
const WRITER = resolve('tests/unit/massMessages/drafts/fixtures/autosave-writer.ts')

/**
 * Runs the autosave writer until it has committed a few revisions, then SIGKILLs it mid-loop.
 * The script runs in the spawned process itself (`--import tsx`): tsx’s CLI would fork a grandchild that
 * outlives a SIGKILL of its parent and keeps writing.
 */
function autosaveUntilKilled(dbPath: string, killAfterLines: number): Promise<number> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dbPath], { stdio: ['ignore', 'pipe', 'pipe'] })
    const watchdog = setTimeout(() => child.kill('SIGKILL'), 20_000)
    let lastCommitted = 0
    let lines = 0
    let stderr = ''
    let buffered = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString()
      const complete = buffered.split('\n')
      buffered = complete.pop() ?? ''
      for (const line of complete) {
        lastCommitted = Number(line)
        if (++lines === killAfterLines) child.kill('SIGKILL')
      }
    })
    child.on('error', fail)
    child.on('exit', (_code, signal) => {
      clearTimeout(watchdog)
      if (signal === 'SIGKILL' && lines >= killAfterLines) done(lastCommitted)
      else fail(new Error(`writer (kill after ${killAfterLines}) exited on its own: ${stderr.slice(0, 300)}`))
    })
  })
}

describe('drafts survive a kill during autosave', () => {
  it('opens intact after each SIGKILL, at a revision whose content is exactly what was saved', async () => {
    const dbPath = join(tempDir(), 'workspace.db')
    let previous = 0
    for (const killAfterLines of [3, 40, 7, 120, 1]) {
      const lastReported = await autosaveUntilKilled(dbPath, killAfterLines)
      const workspace = openWorkspace(dbPath)
      try {
        expect(workspace.db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' })
        const draft = workspace.repository(DraftRepository).get(AUTOSAVED_DRAFT_ID)!
        // Committed saves are never lost, and the draft is whole at the revision it shows.
        expect(draft.revision).toBeGreaterThanOrEqual(lastReported)
        expect(draft.revision).toBeGreaterThan(previous)
        const expected = draftInputSchema.parse(autosaveInput(draft.revision))
        expect(draft).toMatchObject({
          title: expected.title,
          chatType: expected.chatType,
          content: expected.content,
          targeting: expected.targeting,
        })
        previous = draft.revision
      } finally {
        workspace.close()
      }
    }
  }, 60_000)
})
