import { contract, type Api } from '@shared/contract'
import { buildApi } from '@shared/contract/define'

/** The parts of the renderer API a test answers itself, typed by the contract (names and signatures). */
export type FakeApiParts = { [D in keyof Api]?: Partial<Api[D]> }

/**
 * A full `window.api` built from the contract, as the preload builds it: the given parts answer,
 * every other call fails with `not_faked` naming its channel, so a test sees what it forgot to fake.
 */
export function fakeApi(parts: FakeApiParts): Api {
  const base = buildApi(contract, {
    invoke: (channel) =>
      Promise.resolve({ ok: false, error: { code: 'not_faked', message: `${channel} is not faked in this test` } }),
    subscribe: () => () => undefined,
  })
  const domains = Object.keys(base) as (keyof Api)[]
  return Object.fromEntries(domains.map((domain) => [domain, { ...base[domain], ...parts[domain] }])) as unknown as Api
}
