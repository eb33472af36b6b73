import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import {
  DEFAULT_WECOM_BASE_URL,
  SANDBOX_PROFILE_ID,
  type profileInputSchema,
  type ProfileSummary,
} from '../../../../shared/profiles'
import { AppError, text } from '../../errors'
import type { Logger } from '../../log'
import type { SettingsStore } from '../../store/settings'
import type { SecretVault } from '../../store/vault'

/** A profile as kept in settings: everything but the secret, which lives in the vault. */
export interface StoredProfile {
  id: string
  name: string
  corpid: string
  agentid?: string
  baseUrl: string
}

/** Credentials handed to the WeCom client; never leaves the core. */
export interface ProfileCredentials extends StoredProfile {
  secret: string
}

const storedProfilesSchema = z.array(
  z.object({
    id: z.string(),
    name: z.string(),
    corpid: z.string(),
    agentid: z.string().optional(),
    baseUrl: z.string(),
  }),
)

const PROFILES_KEY = 'profiles'
const ACTIVE_KEY = 'activeProfileId'

export const SANDBOX_NAME = text('演示企业（沙箱）', 'Demo corp (sandbox)')

const notFound = () =>
  new AppError(
    'profile_not_found',
    text('找不到这个连接配置，可能已被删除。', 'This connection profile no longer exists.'),
    {
      hint: text('请刷新列表后重试。', 'Refresh the list and try again.'),
    },
  )

const sandboxReadOnly = () =>
  new AppError(
    'sandbox_read_only',
    text('演示企业是内置的，不能修改或删除。', 'The built-in demo corp cannot be edited or removed.'),
    {
      hint: text('请添加一个新的连接配置来连接你的企业。', 'Add a new profile to connect your own corp.'),
    },
  )

const secretRequired = () =>
  new AppError('secret_required', text('请填写 Secret。', 'The secret is required.'), {
    hint: text(
      '在 企业微信管理后台 → 应用管理 → 自建应用 → 查看 Secret 复制。',
      'Copy it in the WeCom admin console → App Management → your self-built app → View Secret.',
    ),
  })

/**
 * Connection profiles: several corps, one active. The built-in sandbox is always listed first and
 * is active until the user picks another profile. Secrets go to the vault only.
 */
export class ProfileService {
  constructor(
    private readonly settings: SettingsStore,
    private readonly vault: SecretVault,
    private readonly log: Logger,
    private readonly sandbox: () => Promise<{ url: string; corpid: string; secret: string }>,
  ) {}

  /** The parsed profile list; only this service writes it, so it is read from settings once. */
  private profiles: readonly StoredProfile[] | undefined

  private stored(): readonly StoredProfile[] {
    if (this.profiles) return this.profiles
    const parsed = storedProfilesSchema.safeParse(this.settings.get(PROFILES_KEY) ?? [])
    if (!parsed.success) this.log.warn('profile list unreadable; starting empty', {})
    this.profiles = parsed.success
      ? parsed.data.map((p) => (p.agentid ? p : { id: p.id, name: p.name, corpid: p.corpid, baseUrl: p.baseUrl }))
      : []
    return this.profiles
  }

  private store(profiles: StoredProfile[]): void {
    this.settings.set(PROFILES_KEY, profiles)
    this.profiles = profiles
  }

  /** A stored profile (never the sandbox), or undefined. */
  find(id: string): StoredProfile | undefined {
    return this.stored().find((p) => p.id === id)
  }

  activeId(): string {
    const id = this.settings.get(ACTIVE_KEY)
    if (typeof id === 'string' && (id === SANDBOX_PROFILE_ID || this.find(id))) return id
    return SANDBOX_PROFILE_ID
  }

  async list(locale: 'zh-CN' | 'en'): Promise<ProfileSummary[]> {
    const active = this.activeId()
    const sandbox: ProfileSummary = {
      id: SANDBOX_PROFILE_ID,
      name: SANDBOX_NAME[locale],
      corpid: 'sandbox',
      baseUrl: 'http://127.0.0.1',
      hasSecret: true,
      isSandbox: true,
      active: active === SANDBOX_PROFILE_ID,
    }
    const others = await Promise.all(
      this.stored().map(async (p) => ({
        ...p,
        hasSecret: await this.vault.has(p.id),
        isSandbox: false,
        active: p.id === active,
      })),
    )
    return [sandbox, ...others]
  }

  /** Adds or edits a profile. The input has passed the contract schema already. */
  async save(input: z.output<typeof profileInputSchema>): Promise<StoredProfile> {
    if (input.id === SANDBOX_PROFILE_ID) throw sandboxReadOnly()
    const profiles = this.stored()
    const existing = input.id ? this.find(input.id) : undefined
    if (input.id && !existing) throw notFound()
    if (!existing && !input.secret) throw secretRequired()

    const profile: StoredProfile = {
      id: existing?.id ?? `p-${randomUUID().slice(0, 8)}`,
      name: input.name,
      corpid: input.corpid,
      baseUrl: input.baseUrl || DEFAULT_WECOM_BASE_URL,
    }
    if (input.agentid) profile.agentid = input.agentid
    if (input.secret) {
      this.log.redact(input.secret)
      await this.vault.set(profile.id, input.secret)
    }
    this.store(existing ? profiles.map((p) => (p.id === profile.id ? profile : p)) : [...profiles, profile])
    return profile
  }

  async remove(id: string): Promise<void> {
    if (id === SANDBOX_PROFILE_ID) throw sandboxReadOnly()
    if (!this.find(id)) throw notFound()
    this.store(this.stored().filter((p) => p.id !== id))
    await this.vault.delete(id)
    if (this.settings.get(ACTIVE_KEY) === id) this.settings.set(ACTIVE_KEY, SANDBOX_PROFILE_ID)
  }

  setActive(id: string): void {
    if (id !== SANDBOX_PROFILE_ID && !this.find(id)) throw notFound()
    this.settings.set(ACTIVE_KEY, id)
  }

  /** Everything needed to call WeCom for a profile, the sandbox included. */
  async credentials(id: string): Promise<ProfileCredentials> {
    if (id === SANDBOX_PROFILE_ID) {
      const sandbox = await this.sandbox()
      return { id, name: SANDBOX_NAME.en, corpid: sandbox.corpid, baseUrl: sandbox.url, secret: sandbox.secret }
    }
    const profile = this.find(id)
    if (!profile) throw notFound()
    const secret = await this.vault.get(id)
    if (!secret) throw secretRequired()
    this.log.redact(secret)
    return { ...profile, secret }
  }
}
