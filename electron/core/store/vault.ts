import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { SecretProtection } from '../../../shared/profiles'
import { AppError, text } from '../errors'
import { writeFileAtomicSync } from './atomic-file'
import { assertProfileId } from './profile-id'

/**
 * Per-profile secrets (the WeCom corp secret). Implementations never put a secret into an error,
 * log line or any other return value than `get`.
 */
export interface SecretVault {
  /**
   * How the secrets are protected at rest, so the UI can warn when they are not encrypted:
   * `os-encrypted` (Electron safeStorage with an OS keychain), `plain-text` (safeStorage's basic
   * text backend, e.g. Linux without a keyring), `local-file` (unencrypted, owner-only file).
   */
  readonly protection: SecretProtection
  /** The profile's secret, or `undefined` when none is stored. */
  get(profileId: string): Promise<string | undefined>
  /** Stores (or replaces) the profile's secret. */
  set(profileId: string, secret: string): Promise<void>
  /** Forgets the profile's secret (no-op when none is stored). */
  delete(profileId: string): Promise<void>
  /** Whether a secret is stored, without revealing it. */
  has(profileId: string): Promise<boolean>
}

/** The vault file's name, chosen so nobody mistakes it for something safe to share. */
const LOCAL_VAULT_FILE_NAME = 'local-only-secrets.json'

const FILE_NOTICE =
  'Local-only secrets of the WeCom console browser shell. NOT encrypted: anyone who can read this file can use them. Do not copy, back up or share it.'

interface VaultFile {
  notice: string
  secrets: Record<string, string>
}

/**
 * The browser shell's vault: secrets in `<dataDir>/local-only-secrets.json`, unencrypted but
 * readable only by the current user (mode 0600), replaced atomically on every change.
 */
export class LocalFileVault implements SecretVault {
  readonly protection = 'local-file' as const
  readonly filePath: string

  constructor(dataDir: string) {
    this.filePath = join(dataDir, LOCAL_VAULT_FILE_NAME)
  }

  async get(profileId: string): Promise<string | undefined> {
    assertProfileId(profileId)
    return this.read().get(profileId)
  }

  async set(profileId: string, secret: string): Promise<void> {
    assertProfileId(profileId)
    const secrets = this.read()
    secrets.set(profileId, secret)
    this.write(secrets)
  }

  async delete(profileId: string): Promise<void> {
    assertProfileId(profileId)
    const secrets = this.read()
    if (secrets.delete(profileId)) this.write(secrets)
  }

  async has(profileId: string): Promise<boolean> {
    assertProfileId(profileId)
    return this.read().has(profileId)
  }

  /** Reads the whole file on every call (it is tiny), so edits by another process are seen. */
  private read(): Map<string, string> {
    let raw: string
    try {
      raw = readFileSync(this.filePath, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map()
      throw this.failure('vault_unreadable', error)
    }
    const secrets = parseSecrets(raw)
    // No cause: a JSON parse error quotes the file's text, which holds secrets.
    if (secrets === undefined) throw this.failure('vault_unreadable')
    return secrets
  }

  private write(secrets: Map<string, string>): void {
    const file: VaultFile = { notice: FILE_NOTICE, secrets: Object.fromEntries(secrets) }
    try {
      writeFileAtomicSync(this.filePath, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 })
    } catch (error) {
      throw this.failure('vault_write_failed', error)
    }
  }

  /** Bilingual errors naming the file, never its content; `cause` is only ever a file-system error. */
  private failure(code: 'vault_unreadable' | 'vault_write_failed', cause?: unknown): AppError {
    const message =
      code === 'vault_unreadable'
        ? text(
            '无法读取本地密钥文件，或文件内容已损坏。',
            'The local secrets file could not be read, or its content is damaged.',
          )
        : text('密钥保存失败，本次修改未生效。', 'The secret could not be saved; this change was not applied.')
    const hint =
      code === 'vault_unreadable'
        ? text(
            `请检查 ${this.filePath} 的读取权限；若文件已损坏，请删除它，然后在连接配置中重新填写 Secret。`,
            `Check read permission for ${this.filePath}; if the file is damaged, delete it and enter the Secret again in the connection profile.`,
          )
        : text(
            `请检查磁盘空间以及对 ${this.filePath} 所在文件夹的写入权限，然后重试。`,
            `Check free disk space and write permission for the folder of ${this.filePath}, then try again.`,
          )
    return new AppError(code, message, cause === undefined ? { hint } : { hint, cause })
  }
}

/** The secrets in the file's text, or undefined when it does not have the vault's shape. */
function parseSecrets(raw: string): Map<string, string> | undefined {
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch {
    return undefined
  }
  const secrets = (parsed as Partial<VaultFile> | null)?.secrets
  if (typeof secrets !== 'object' || secrets === null || Array.isArray(secrets)) return undefined
  const entries = Object.entries(secrets)
  if (!entries.every(([, value]) => typeof value === 'string')) return undefined
  return new Map(entries as [string, string][])
}
