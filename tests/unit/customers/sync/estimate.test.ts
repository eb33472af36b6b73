import { describe, expect, it } from 'vitest'
import { RateMeter } from '../../../../electron/core/services/customers/sync/estimate'

/** A deterministic stream of numbers in [0, 1). */
function seeded(seed: number): () => number {
  let state = seed
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648
}

/**
 * Progress as a sync sees it: 8 calls in flight land together, each wave 150–450 ms after the last
 * (latency jitter), and now and then (`stalls`, a share of waves) a wave waits 1.2 s more (the
 * limiter, a slow page), so `done` moves in steps of 8 at uneven times. From `slowerAfter` calls on,
 * every wave takes twice as long (the next phase's pace).
 */
function waves(total: number, options: { seed: number; stalls?: number; slowerAfter?: number }) {
  const random = seeded(options.seed)
  const samples: Array<{ at: number; done: number }> = []
  let at = 0
  let done = 0
  while (done < total) {
    const slow = options.slowerAfter !== undefined && done >= options.slowerAfter ? 2 : 1
    at += (150 + random() * 300) * slow
    if (random() < (options.stalls ?? 0)) at += 1_200
    const wave = Math.min(8, total - done)
    for (let i = 0; i < wave; i++) samples.push({ at: at + i, done: ++done })
  }
  return samples
}

/**
 * The ETA as the page gets it (one progress event at most every 200 ms, as the sync sends them),
 * from 5 s in (a pace to go by) until 10 s before the end, with the time really left.
 */
function etaEvents(samples: ReadonlyArray<{ at: number; done: number }>) {
  const total = samples.at(-1)?.done ?? 0
  const end = samples.at(-1)?.at ?? 0
  const meter = new RateMeter()
  meter.record(0, 0)
  const events: Array<{ at: number; etaMs: number; leftMs: number }> = []
  let next = 0
  for (const { at, done } of samples) {
    meter.record(at, done)
    if (at < next) continue
    next = at + 200
    const etaMs = meter.etaMs(total - done)
    if (etaMs !== undefined && at >= 5_000 && end - at >= 10_000) events.push({ at, etaMs, leftMs: end - at })
  }
  return events
}

/** How far each event moves the ETA beyond the time that passed, as a share of the previous ETA. */
function jumps(events: ReadonlyArray<{ at: number; etaMs: number }>): number[] {
  return events.slice(1).map((now, i) => {
    const before = events[i]!
    return Math.abs(now.etaMs - (before.etaMs - (now.at - before.at))) / before.etaMs
  })
}

describe('sync ETA (RateMeter: calls per ms over an exponentially fading window)', () => {
  it('does not jump with the waves and stalls of answers (a 5 s window jumped 45–69%)', () => {
    for (const seed of [1, 7, 42, 99]) {
      const events = etaEvents(waves(1200, { seed, stalls: 0.05 }))
      expect(events.length).toBeGreaterThan(80)
      expect(Math.max(...jumps(events)), `seed ${seed}`).toBeLessThan(0.25)
    }
  })

  it('stays within 20% of the time really left when the pace is steady', () => {
    for (const seed of [1, 7, 42, 99]) {
      for (const e of etaEvents(waves(1200, { seed })))
        expect(Math.abs(e.etaMs - e.leftMs) / e.leftMs, `seed ${seed} at ${Math.round(e.at)} ms`).toBeLessThan(0.2)
    }
  })

  it('takes on a lasting change of pace within about 20 s', () => {
    const samples = waves(2000, { seed: 7, slowerAfter: 600 })
    const switchAt = samples.find((s) => s.done === 600)!.at
    const late = etaEvents(samples).filter((e) => e.at >= switchAt + 20_000)
    expect(late.length).toBeGreaterThan(20)
    for (const e of late) expect(Math.abs(e.etaMs - e.leftMs) / e.leftMs, `at ${Math.round(e.at)} ms`).toBeLessThan(0.2)
  })

  it('has no ETA before any call was answered', () => {
    const meter = new RateMeter()
    meter.record(0, 0)
    meter.record(1_000, 0)
    expect(meter.etaMs(100)).toBeUndefined()
    meter.record(2_000, 10)
    expect(meter.etaMs(100)).toBeGreaterThan(0)
  })
})
