import { describe, expect, it, vi } from 'vitest'
import { createApp, defineComponent, h } from 'vue'
import { contract, type ErrorReport } from '@shared/contract'
import { createErrorReporter, installErrorReporting } from '@/errorReporting'

describe('renderer error reporter', () => {
  it('sends at most 20 reports a minute and says how many it dropped', () => {
    let now = 1_000_000
    const sent: ErrorReport[] = []
    const report = createErrorReporter(async (r) => void sent.push(r), { now: () => now })
    for (let i = 0; i < 25; i++) report(new Error(`loop ${i}`), 'vue')
    expect(sent).toHaveLength(20)
    now += 59_999
    report(new Error('still inside the minute'), 'vue')
    expect(sent).toHaveLength(20)
    now += 1
    report(new Error('next minute'), 'window', 'app.js:1:2')
    expect(sent).toHaveLength(21)
    expect(sent[20]).toMatchObject({
      message: 'Error: next minute',
      source: 'window',
      info: 'app.js:1:2; 6 earlier reports dropped by the rate limit',
    })
  })

  it('clips to the contract limits, so the core never refuses a report', () => {
    const sent: ErrorReport[] = []
    const report = createErrorReporter(async (r) => void sent.push(r))
    const error = new Error('m'.repeat(5000))
    error.stack = 's'.repeat(20_000)
    report(error, 'vue', 'i'.repeat(5000))
    report({ weird: true }, 'unhandledrejection')
    report('', 'window')
    for (const r of sent) expect(contract.app.reportError.input.safeParse(r).success).toBe(true)
    expect(sent[0]!.message).toHaveLength(2000)
    expect(sent[0]!.stack).toHaveLength(8000)
    expect(sent[1]!.message).toBe('{"weird":true}')
  })

  it('never throws, whether sending rejects or throws', () => {
    const rejecting = createErrorReporter(() => Promise.reject(new Error('core gone')))
    const throwing = createErrorReporter(() => {
      throw new Error('bridge closed')
    })
    expect(() => rejecting(new Error('a'), 'vue')).not.toThrow()
    expect(() => throwing(new Error('b'), 'vue')).not.toThrow()
  })

  it('receives Vue errors and the window error and unhandledrejection events', () => {
    const report = vi.fn()
    const target = new EventTarget()
    const Broken = defineComponent({
      setup() {
        throw new Error('setup failed')
      },
      render: () => h('div'),
    })
    const app = createApp(Broken)
    installErrorReporting(app, report, target as unknown as Window)
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    app.mount(document.createElement('div'))
    expect(report).toHaveBeenCalledWith(expect.objectContaining({ message: 'setup failed' }), 'vue', 'setup function')

    const error = new Error('from a timer')
    target.dispatchEvent(
      Object.assign(new Event('error'), { error, message: error.message, filename: 'app.js', lineno: 3, colno: 4 }),
    )
    expect(report).toHaveBeenCalledWith(error, 'window', 'app.js:3:4')
    target.dispatchEvent(Object.assign(new Event('unhandledrejection'), { reason: 'nope' }))
    expect(report).toHaveBeenCalledWith('nope', 'unhandledrejection')
  })
})
