import { afterEach } from 'vitest'
import { startSandbox } from '../../../electron/core/sandbox'
import type { SandboxHandle, SandboxOptions } from '../../../electron/core/sandbox/types'

/** A WeCom JSON answer as the tests read it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type WeComAnswer = { errcode: number; errmsg: string } & Record<string, any>

/** 2025-06-02 10:00 China time: a Monday, so "yesterday" and "180 days ago" are plain days. */
export const FIXED_START_MS = Date.parse('2025-06-02T10:00:00+08:00')

/** A clock the test moves by hand. */
export class TestClock {
  constructor(public ms = FIXED_START_MS) {}
  readonly now = () => this.ms
  advance(ms: number): void {
    this.ms += ms
  }
}

const running: SandboxHandle[] = []

afterEach(async () => {
  await Promise.all(running.splice(0).map((sandbox) => sandbox.close()))
})

/** A small sandbox (fast to seed) closed after the test. */
export async function smallSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const sandbox = await startSandbox({ customers: 2000, members: 40, groups: 60, ...options })
  running.push(sandbox)
  return sandbox
}

/** A minimal WeCom client over plain fetch: gets a token lazily and once more on 42001. */
export class TestApi {
  private token: string | undefined

  constructor(readonly sandbox: SandboxHandle) {}

  async gettoken(corpid = this.sandbox.corpid, secret = this.sandbox.secret): Promise<WeComAnswer> {
    const query = new URLSearchParams({ corpid, corpsecret: secret })
    return (await fetch(`${this.sandbox.url}/cgi-bin/gettoken?${query}`)).json() as Promise<WeComAnswer>
  }

  async get(path: string, query: Record<string, string | number> = {}): Promise<WeComAnswer> {
    return this.call(path, query, undefined)
  }

  async post(path: string, body: unknown, query: Record<string, string | number> = {}): Promise<WeComAnswer> {
    return this.call(path, query, { method: 'POST', body: JSON.stringify(body) })
  }

  /** A multipart upload of `bytes` as the field `media`. */
  async upload(
    path: string,
    query: Record<string, string | number>,
    filename: string,
    bytes: Uint8Array,
  ): Promise<WeComAnswer> {
    const form = new FormData()
    form.append('media', new Blob([bytes]), filename)
    return this.call(path, query, { method: 'POST', body: form })
  }

  /** The raw response, for binary answers and HTTP status checks. */
  async raw(path: string, query: Record<string, string | number> = {}, init?: RequestInit): Promise<Response> {
    return fetch(this.url(path, { ...query, access_token: await this.accessToken() }), init)
  }

  async accessToken(): Promise<string> {
    this.token ??= (await this.gettoken()).access_token as string
    return this.token
  }

  private url(path: string, query: Record<string, string | number>): string {
    const params = new URLSearchParams(
      Object.entries(query).map(([name, value]): [string, string] => [name, String(value)]),
    )
    return `${this.sandbox.url}/cgi-bin/${path}?${params}`
  }

  private async call(
    path: string,
    query: Record<string, string | number>,
    init: RequestInit | undefined,
  ): Promise<WeComAnswer> {
    const answer = (await (await this.raw(path, query, init)).json()) as WeComAnswer
    if (answer.errcode !== 42001) return answer
    this.token = undefined
    return (await (await this.raw(path, query, init)).json()) as WeComAnswer
  }
}

/** Follows next_cursor until done, collecting `field` of every page. */
export async function collectPages<T>(
  fetchPage: (cursor: string) => Promise<WeComAnswer>,
  field: string,
): Promise<T[]> {
  const items: T[] = []
  let cursor = ''
  for (let pages = 0; pages < 10_000; pages++) {
    const answer = await fetchPage(cursor)
    if (answer.errcode !== 0) throw new Error(`errcode ${answer.errcode}: ${answer.errmsg}`)
    items.push(...(answer[field] as T[]))
    cursor = answer.next_cursor as string
    if (!cursor) return items
  }
  throw new Error('pagination did not end')
}

/** `count` CJK characters (3 UTF-8 bytes each) plus `asciiTail` ASCII ones. */
export function cjkText(count: number, asciiTail = 0): string {
  return '企'.repeat(count) + 'a'.repeat(asciiTail)
}
