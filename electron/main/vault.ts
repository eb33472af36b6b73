import { safeStorage } from 'electron'
import type { SecretProtection } from '../../shared/profiles'
import type { SettingsStore } from '../core/store/settings'
import type { SecretVault } from '../core/store/vault'

const KEY = 'encryptedSecrets'

/**
 * Secrets encrypted with the OS keychain through safeStorage, kept as base64 blobs in the app's
 * settings. Where Linux offers only the basic text backend, `protection` says so and Settings warns.
 */
export class SafeStorageVault implements SecretVault {
  readonly protection: SecretProtection

  constructor(private readonly settings: SettingsStore) {
    const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os'
    this.protection =
      safeStorage.isEncryptionAvailable() && backend !== 'basic_text' && backend !== 'unknown'
        ? 'os-encrypted'
        : 'plain-text'
  }

  private blobs(): Record<string, string> {
    const value = this.settings.get(KEY)
    return value && typeof value === 'object' ? { ...(value as Record<string, string>) } : {}
  }

  async get(profileId: string): Promise<string | undefined> {
    const blob = this.blobs()[profileId]
    return blob === undefined ? undefined : safeStorage.decryptString(Buffer.from(blob, 'base64'))
  }

  async set(profileId: string, secret: string): Promise<void> {
    const blobs = this.blobs()
    blobs[profileId] = safeStorage.encryptString(secret).toString('base64')
    this.settings.set(KEY, blobs)
  }

  async delete(profileId: string): Promise<void> {
    const blobs = this.blobs()
    delete blobs[profileId]
    this.settings.set(KEY, blobs)
  }

  async has(profileId: string): Promise<boolean> {
    return profileId in this.blobs()
  }
}
