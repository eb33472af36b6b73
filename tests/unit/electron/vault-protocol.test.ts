import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'

const electron = vi.hoisted(() => ({
  encryptionAvailable: true,
  backend: 'gnome_libsecret',
  handlers: new Map<string, (request: Request) => Promise<Response>>(),
  fetched: [] as string[],
}))

vi.mock('electron', () => ({
  safeStorage: {
    isEncryptionAvailable: () => electron.encryptionAvailable,
    getSelectedStorageBackend: () => electron.backend,
    // A reversible stand-in for the OS keychain: enough to see the blob is not the secret.
    encryptString: (value: string) => Buffer.from([...Buffer.from(value)].map((b) => b ^ 0x5a)),
    decryptString: (blob: Buffer) => Buffer.from([...blob].map((b) => b ^ 0x5a)).toString(),
  },
  protocol: {
    registerSchemesAsPrivileged: vi.fn(),
    handle: (scheme: string, handler: (request: Request) => Promise<Response>) =>
      electron.handlers.set(scheme, handler),
  },
  net: {
    fetch: async (url: string) => {
      electron.fetched.push(url)
      return new Response('file')
    },
  },
}))

const { SafeStorageVault } = await import('../../../electron/main/vault')
const { serveRenderer } = await import('../../../electron/main/protocol')

function memorySettings() {
  const values = new Map<string, unknown>()
  return {
    values,
    get: (key: string) => values.get(key),
    set: (key: string, value: unknown) => void values.set(key, value),
    delete: (key: string) => void values.delete(key),
  }
}

describe('safeStorage vault', () => {
  beforeEach(() => {
    electron.encryptionAvailable = true
    electron.backend = 'gnome_libsecret'
  })

  it('stores only the encrypted blob and reads the secret back', async () => {
    const settings = memorySettings()
    const vault = new SafeStorageVault(settings)
    await vault.set('p-1', 'TopSecret_123456')
    expect(JSON.stringify([...settings.values])).not.toContain('TopSecret_123456')
    expect(await vault.get('p-1')).toBe('TopSecret_123456')
    expect(await vault.has('p-1')).toBe(true)
    await vault.delete('p-1')
    expect(await vault.has('p-1')).toBe(false)
  })

  it('reports plain-text protection when Linux offers only the basic text backend', () => {
    if (process.platform !== 'linux') return
    expect(new SafeStorageVault(memorySettings()).protection).toBe('os-encrypted')
    electron.backend = 'basic_text'
    expect(new SafeStorageVault(memorySettings()).protection).toBe('plain-text')
    electron.backend = 'gnome_libsecret'
    electron.encryptionAvailable = false
    expect(new SafeStorageVault(memorySettings()).protection).toBe('plain-text')
  })
})

describe('app:// protocol', () => {
  const root = mkdtempSync(join(tmpdir(), 'renderer-'))
  mkdirSync(join(root, 'assets'))
  writeFileSync(join(root, 'index.html'), '<html>')
  writeFileSync(join(root, 'assets', 'a.js'), '1')
  writeFileSync(join(root, '..', 'not-app-content.txt'), 'x')

  it('serves the built renderer and nothing outside it or from another host', async () => {
    serveRenderer(root)
    const handle = electron.handlers.get('app')!
    expect((await handle(new Request('app://console/assets/a.js'))).status).toBe(200)
    expect(electron.fetched.at(-1)).toBe(`file://${join(root, 'assets', 'a.js')}`)
    expect((await handle(new Request('app://console/%2e%2e/not-app-content.txt'))).status).toBe(404)
    expect((await handle(new Request('app://elsewhere/index.html'))).status).toBe(404)
    expect((await handle(new Request('app://console/missing.js'))).status).toBe(404)
  })
})
