import type { EventChannel, EventPayloads } from '../../shared/contract'

export type CoreEventListener = (channel: EventChannel, payload: unknown) => void

/** The core's main → renderer events; shells forward every emitted event to their page. */
export class CoreEvents {
  private readonly listeners = new Set<CoreEventListener>()

  emit<K extends EventChannel>(channel: K, payload: EventPayloads[K]): void {
    for (const listener of this.listeners) listener(channel, payload)
  }

  /** Returns the unsubscribe function. */
  subscribe(listener: CoreEventListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}
