import { describe, expect, it } from 'vitest'
import { JobLines } from '../../../electron/core/job-lines'

const tick = () => new Promise((resolve) => setTimeout(resolve, 5))

describe('JobLines', () => {
  it('runs a workspace’s jobs one at a time in order, queues a waiting job once, and runs other workspaces beside', async () => {
    const lines = new JobLines(() => undefined)
    const log: string[] = []
    const job = (name: string) => async () => {
      log.push(`${name} start`)
      await tick()
      log.push(`${name} end`)
    }
    lines.enqueue('a.sqlite', 'j1', job('a1'))
    lines.enqueue('a.sqlite', 'j2', job('a2'))
    lines.enqueue('a.sqlite', 'j2', job('a2 again'))
    lines.enqueue('b.sqlite', 'j1', job('b1'))
    await lines.idle()
    expect(log.filter((entry) => entry.startsWith('a'))).toEqual(['a1 start', 'a1 end', 'a2 start', 'a2 end'])
    expect(log.indexOf('b1 start')).toBeLessThan(log.indexOf('a1 end'))
  })

  it('idle also waits for jobs queued while it waits; a job that throws is reported and the line goes on', async () => {
    const failures: unknown[] = []
    const lines = new JobLines((jobId, error) => failures.push([jobId, (error as Error).message]))
    const done: string[] = []
    lines.enqueue('a', 'first', async () => {
      await tick()
      lines.enqueue('a', 'later', async () => {
        await tick()
        done.push('later')
      })
      throw new Error('boom')
    })
    await lines.idle()
    expect(done).toEqual(['later'])
    expect(failures).toEqual([['first', 'boom']])
  })
})
