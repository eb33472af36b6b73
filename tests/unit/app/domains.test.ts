import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { contract } from '../../../shared/contract'

/**
 * One name per domain (README, "Folders"): a newcomer finds a feature by one name in the contract,
 * electron/core/services/<domain>/, renderer/stores/<domain>.ts, renderer/views/<domain>/, the route,
 * the i18n namespace and tests/unit/<domain>/. Sub-areas are folders inside a domain.
 */
const FEATURES = ['customers', 'massMessages', 'moments', 'welcomeTemplates', 'statistics'] as const
/** Built so far: every layer exists. The others are placeholder pages until their issues land. */
const BUILT = ['customers', 'massMessages', 'welcomeTemplates', 'moments', 'statistics'] as const
/** Not features: connections and settings, shown on the Settings page. */
const SHELL_DOMAINS = ['app', 'profiles']

/** Folders that hold shared machinery, not a feature (ARCHITECTURE.md: "Shared machinery"). */
const MACHINERY_TESTS = [
  'app',
  'audience',
  'browser',
  'core',
  'electron',
  'export',
  'renderer',
  'sandbox',
  'setup',
  'shared',
  'store',
  'wecom',
]

const dirs = (path: string) =>
  readdirSync(path, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)

async function lintDomains(): Promise<string[]> {
  const config = (await import(pathToFileURL(resolve('eslint.config.js')).href)) as { DOMAINS: string[] }
  return config.DOMAINS
}

async function localeNamespaces(): Promise<string[]> {
  const zh = (await import('../../../renderer/i18n/zh-CN')).default
  return Object.keys(zh)
}

function navRoutes(): Array<{ path: string; name: string }> {
  // The router module imports Vue components; only its route table is read here, as text.
  const source = readFileSync('renderer/router.ts', 'utf8')
  return [...source.matchAll(/path: '(\/[^']*)',\s*name: '([^']+)'/g)].map((m) => ({ path: m[1]!, name: m[2]! }))
}

describe('one name per domain', () => {
  it('the contract has only domains from the list, and the lint boundaries know every one', async () => {
    const domains = [...SHELL_DOMAINS, ...FEATURES]
    expect(Object.keys(contract).filter((d) => !domains.includes(d))).toEqual([])
    expect([...(await lintDomains())].sort()).toEqual([...domains].sort())
  })

  it('every built feature has its contract domain, service folder, store, views, route, i18n namespace and tests', async () => {
    const namespaces = await localeNamespaces()
    const routes = navRoutes()
    for (const domain of BUILT) {
      expect(Object.keys(contract), domain).toContain(domain)
      expect(existsSync(`electron/core/services/${domain}`), `services/${domain}`).toBe(true)
      expect(existsSync(`renderer/stores/${domain}.ts`), `stores/${domain}.ts`).toBe(true)
      expect(existsSync(`renderer/views/${domain}`), `views/${domain}`).toBe(true)
      expect(routes, `route /${domain}`).toContainEqual({ path: `/${domain}`, name: domain })
      expect(namespaces, `i18n ${domain}`).toContain(domain)
      expect(existsSync(`tests/unit/${domain}`), `tests/unit/${domain}`).toBe(true)
    }
  })

  it('every feature page has its route and view folder under its one name, placeholders included', async () => {
    const routes = navRoutes()
    for (const domain of FEATURES) {
      expect(routes, domain).toContainEqual({ path: `/${domain}`, name: domain })
      expect(existsSync(`renderer/views/${domain}`), `views/${domain}`).toBe(true)
    }
  })

  it('no folder goes by a name outside the list (sub-areas live inside their domain)', () => {
    const features: readonly string[] = FEATURES
    expect(dirs('electron/core/services').filter((d) => !features.includes(d) && !SHELL_DOMAINS.includes(d))).toEqual(
      [],
    )
    expect(dirs('renderer/views').filter((d) => !features.includes(d) && d !== 'settings')).toEqual([])
    expect(dirs('renderer/stores').filter((d) => !features.includes(d))).toEqual([])
    const stores = readdirSync('renderer/stores')
      .filter((f) => f.endsWith('.ts'))
      .map((f) => f.slice(0, -3))
    expect(stores.filter((s) => !features.includes(s) && !SHELL_DOMAINS.includes(s))).toEqual([])
    expect(
      dirs('tests/unit').filter(
        (d) => !features.includes(d) && !MACHINERY_TESTS.includes(d) && !SHELL_DOMAINS.includes(d),
      ),
    ).toEqual([])
  })
})
