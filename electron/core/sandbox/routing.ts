import type { ReceiveCapRule } from './deliveries'
import type { SandboxState } from './model'
import type { Fields } from './request-fields'
import type { TokenStore } from './tokens'

/** Fixed settings of a running sandbox. */
export interface SandboxSettings {
  corpid: string
  secret: string
  tokenTtlSeconds: number
  /** Divides every task delay (mass messages, moments); tests use large values. */
  taskSpeed: number
  /** The corp admin's receive-cap rule for mass messages (send result status 3). */
  receiveCap: ReceiveCapRule
}

/** What a handler may use: the corp, the clock and a few services. */
export interface SandboxContext {
  readonly state: SandboxState
  readonly settings: SandboxSettings
  readonly tokens: TokenStore
  /** The sandbox clock, ms since epoch. */
  now(): number
  /** Base URL of the running server, for URLs the sandbox itself serves (uploaded images, avatars). */
  readonly baseUrl: string
  /** A new deterministic id: the same seed and the same sequence of calls give the same ids. */
  newId(prefix: string, length: number): string
}

/** The `media` part of a multipart upload. */
export interface UploadedFile {
  filename: string
  contentType: string
  bytes: Uint8Array
}

/** A request as a handler sees it. */
export interface ApiRequest {
  query: Fields
  /** The JSON body; `{}` for GET and multipart requests. */
  body: Fields
  upload: UploadedFile | undefined
}

/** A file answer (media/get) instead of JSON. */
export class BinaryReply {
  constructor(
    readonly contentType: string,
    readonly filename: string,
    readonly bytes: Uint8Array,
  ) {}
}

/** The fields of a successful JSON answer (errcode/errmsg are added by the server). */
export type ApiReply = Record<string, unknown> | BinaryReply

/** One WeCom API: method, whether it needs a token and writes, and its handler. */
export interface Route {
  method: 'GET' | 'POST'
  /** False only for gettoken. */
  auth: boolean
  /** A successful call changes state (logged as `mutated`). */
  write: boolean
  handle(context: SandboxContext, request: ApiRequest): ApiReply | Promise<ApiReply>
}

/** WeCom path relative to /cgi-bin/ → route. */
export type RouteTable = Readonly<Record<string, Route>>

type Handler = Route['handle']

/** A route that only reads. */
export function readRoute(method: Route['method'], handle: Handler): Route {
  return { method, auth: true, write: false, handle }
}

/** A route whose success changes state. */
export function writeRoute(handle: Handler): Route {
  return { method: 'POST', auth: true, write: true, handle }
}
