import type { SeededRandom } from './random'
import type { SandboxFaults } from './types'

/**
 * The faults currently injected. setFaults merges at the top level (a key given replaces that
 * key, so `{ forcedErrcodes: {} }` clears forced errcodes); counted faults are used up one
 * request at a time.
 */
export class FaultInjector {
  private faults: SandboxFaults = {}

  constructor(private readonly random: SeededRandom) {}

  merge(faults: SandboxFaults): void {
    this.faults = { ...this.faults, ...structuredClone(faults) }
  }

  clear(): void {
    this.faults = {}
  }

  latencyFor(path: string): number {
    return (this.faults.latencyMs ?? 0) + (this.faults.latencyByPath?.[path] ?? 0)
  }

  /** An injected HTTP status for this request, if any. */
  takeHttpStatus(path: string): number | undefined {
    return take(this.faults.httpStatus, path)?.status
  }

  /** A forced errcode, or -1 drawn from errorRate, for this request. */
  takeErrcode(path: string): number | undefined {
    const forced = take(this.faults.forcedErrcodes, path)
    if (forced) return forced.errcode
    const rate = this.faults.errorRate ?? 0
    return rate > 0 && this.random.next() < rate ? -1 : undefined
  }

  /** Whether this request's response is to be dropped. */
  takeDrop(path: string): boolean {
    return take(this.faults.dropResponse, path) !== undefined
  }
}

/** Uses one occurrence of a counted fault; returns it, or undefined when none applies. */
function take<T extends { count?: number }>(faults: Record<string, T> | undefined, path: string): T | undefined {
  const fault = faults?.[path]
  if (!faults || !fault) return undefined
  if (fault.count === undefined) return fault
  if (fault.count <= 0) return undefined
  fault.count--
  if (fault.count === 0) delete faults[path]
  return fault
}
