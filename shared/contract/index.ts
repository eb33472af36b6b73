import { z } from 'zod'
import { call, event, shape, type ApiOf, type EventPayloadsOf, type HandlersOf } from './define'
import { LOCALES, type Locale } from '../result'
import {
  profileIdSchema,
  profileInputSchema,
  type ConnectionStatus,
  type ConnectionTestResult,
  type ProfileSummary,
  type SecretProtection,
} from '../profiles'

const none = z.undefined()

/** Facts about the running app that the shell and status bar show. */
export interface AppInfo {
  version: string
  shell: 'electron' | 'browser'
  locale: Locale
  secretProtection: SecretProtection
}

/**
 * The one contract between renderer and main: every channel is `domain:action`, with a zod input
 * schema and an output type. Events (`onXxx`) flow from main to renderer.
 */
export const contract = {
  app: {
    /** @example await api.app.getInfo() */
    getInfo: call(none, shape<AppInfo>()),
    /** Sets the language the core answers in (errors, hints). */
    setLocale: call(z.object({ locale: z.enum(LOCALES) }).strict(), shape<{ locale: Locale }>()),
    getStatus: call(none, shape<ConnectionStatus>()),
    onStatus: event(shape<ConnectionStatus>()),
  },
  profiles: {
    /** All profiles, the built-in sandbox first. */
    list: call(none, shape<ProfileSummary[]>()),
    /** Adds (no id) or edits a profile; an omitted secret keeps the stored one. */
    save: call(profileInputSchema, shape<ProfileSummary>()),
    remove: call(z.object({ id: profileIdSchema }).strict(), shape<{ id: string }>()),
    /** Makes a profile the active connection. */
    activate: call(z.object({ id: profileIdSchema }).strict(), shape<ConnectionStatus>()),
    /** Fetches a token and the follow-user list with the stored credentials. */
    testConnection: call(z.object({ id: profileIdSchema }).strict(), shape<ConnectionTestResult>()),
    onChanged: event(shape<ProfileSummary[]>()),
  },
} as const

export type Contract = typeof contract
export type Api = ApiOf<Contract>
export type Handlers = HandlersOf<Contract>
export type EventPayloads = EventPayloadsOf<Contract>
export type EventChannel = keyof EventPayloads
