import type { z } from 'zod'
import type { Result } from '../result'

/** A request/response channel: the input is validated with `input` before any service runs. */
export interface CallDef<I extends z.ZodType = z.ZodType, O = unknown> {
  readonly kind: 'call'
  readonly input: I
  /** Phantom: carries the output type only. */
  readonly output?: O
}

/** A main → renderer event channel; the payload type is carried as a phantom. */
export interface EventDef<P = unknown> {
  readonly kind: 'event'
  readonly payload?: P
}

/** Phantom marker for an output or payload type (no runtime value). */
export interface Shape<T> {
  readonly shape?: T
}
export function shape<T>(): Shape<T> {
  return {}
}

/** Declares a call channel: `call(z.object({...}), shape<Output>())`. */
export function call<I extends z.ZodType, O>(input: I, _output: Shape<O>): CallDef<I, O> {
  return { kind: 'call', input }
}

/** Declares an event channel: `event(shape<Payload>())`. */
export function event<P>(_payload: Shape<P>): EventDef<P> {
  return { kind: 'event' }
}

export type DomainDefs = Record<string, CallDef | EventDef>
export type ContractDefs = Record<string, DomainDefs>

type CallArgs<I extends z.ZodType> = undefined extends z.input<I> ? [input?: z.input<I>] : [input: z.input<I>]

/** The renderer-facing API derived from a contract: calls return Results, events return an unsubscribe. */
export type ApiOf<C extends ContractDefs> = {
  readonly [D in keyof C]: {
    readonly [A in keyof C[D]]: C[D][A] extends CallDef<infer I, infer O>
      ? (...args: CallArgs<I>) => Promise<Result<O>>
      : C[D][A] extends EventDef<infer P>
        ? (listener: (payload: P) => void) => () => void
        : never
  }
}

/** The core-facing handler table: one async function per call channel, given validated input. */
export type HandlersOf<C extends ContractDefs> = {
  readonly [D in keyof C]: {
    readonly [A in keyof C[D] as C[D][A] extends CallDef ? A : never]: C[D][A] extends CallDef<infer I, infer O>
      ? (input: z.output<I>) => Promise<O>
      : never
  }
}

/** The payload type of each event channel, keyed by `domain:event`. */
export type EventPayloadsOf<C extends ContractDefs> = {
  [K in EventKeys<C>]: K extends `${infer D}:${infer E}` ? (C[D][E] extends EventDef<infer P> ? P : never) : never
}
type EventKeys<C extends ContractDefs> = {
  [D in keyof C & string]: { [E in keyof C[D] & string]: C[D][E] extends EventDef ? `${D}:${E}` : never }[keyof C[D] &
    string]
}[keyof C & string]

export interface ChannelEntry {
  domain: string
  action: string
  /** `domain:action` */
  channel: string
  def: CallDef | EventDef
}

/** Flattens a contract into its channels, in declaration order. */
export function listChannels(contract: ContractDefs): ChannelEntry[] {
  const entries: ChannelEntry[] = []
  for (const [domain, defs] of Object.entries(contract)) {
    for (const [action, def] of Object.entries(defs)) {
      entries.push({ domain, action, channel: `${domain}:${action}`, def })
    }
  }
  return entries
}

/** What a shell needs to carry the contract: send a call, listen to an event channel. */
export interface ContractTransport {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>
  subscribe(channel: string, listener: (payload: unknown) => void): () => void
}

/**
 * Builds the renderer API object (grouped by domain) over a transport. The preload and the
 * browser shell both use this, so the two shells expose exactly the same surface.
 */
export function buildApi<C extends ContractDefs>(contract: C, transport: ContractTransport): ApiOf<C> {
  const api: Record<string, Record<string, unknown>> = {}
  for (const { domain, action, channel, def } of listChannels(contract)) {
    const group = (api[domain] ??= {})
    group[action] =
      def.kind === 'call'
        ? (input?: unknown) => transport.invoke(channel, input)
        : (listener: (payload: unknown) => void) => transport.subscribe(channel, listener)
  }
  return api as ApiOf<C>
}
