import { z } from 'zod'
import { call, event, shape, type ApiOf, type EventPayloadsOf, type HandlersOf } from './define'
import { LOCALES, type Locale } from '../result'
import {
  addTagsInputSchema,
  customerFilterSchema,
  customerQuerySchema,
  editTagInputSchema,
  groupQuerySchema,
  markTagsInputSchema,
  remarkInputSchema,
  removeTagsInputSchema,
  type AudiencePreview,
  type CustomerDetail,
  type CustomerQueryResult,
  type FollowDetail,
  type GroupDetail,
  type GroupRow,
  type MemberSummary,
  type SyncStatus,
  type TagGroupSummary,
} from '../customers'
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
  sync: {
    /** Starts a sync of members, tags, customers and groups, or resumes a stopped one; returns at once. */
    start: call(none, shape<SyncStatus>()),
    /** Stops the running sync after the calls in flight; `start` resumes it. */
    cancel: call(none, shape<SyncStatus>()),
    getStatus: call(none, shape<SyncStatus>()),
    onProgress: event(shape<SyncStatus>()),
  },
  customers: {
    /** One window of the filtered, sorted customers, with the total count. */
    query: call(customerQuerySchema, shape<CustomerQueryResult>()),
    get: call(z.object({ externalUserid: z.string().min(1).max(128) }).strict(), shape<CustomerDetail>()),
    /** Members with customer contact, for filters and pickers. */
    members: call(none, shape<MemberSummary[]>()),
    /** Edits a member's remark / description / remark company for a customer (WeCom first, then the cache). */
    updateRemark: call(remarkInputSchema, shape<FollowDetail>()),
    /** Adds / removes corp tags on a member ↔ customer relation (WeCom first, then the cache). */
    markTags: call(markTagsInputSchema, shape<FollowDetail>()),
  },
  tags: {
    list: call(none, shape<TagGroupSummary[]>()),
    add: call(addTagsInputSchema, shape<TagGroupSummary>()),
    edit: call(editTagInputSchema, shape<TagGroupSummary[]>()),
    remove: call(removeTagsInputSchema, shape<TagGroupSummary[]>()),
  },
  groups: {
    query: call(groupQuerySchema, shape<{ total: number; rows: GroupRow[] }>()),
    get: call(z.object({ chatId: z.string().min(1).max(128) }).strict(), shape<GroupDetail>()),
  },
  audience: {
    /** How many customers a filter reaches and which members would get the tasks. */
    preview: call(z.object({ filter: customerFilterSchema }).strict(), shape<AudiencePreview>()),
  },
} as const

export type Contract = typeof contract
export type Api = ApiOf<Contract>
export type Handlers = HandlersOf<Contract>
export type EventPayloads = EventPayloadsOf<Contract>
export type EventChannel = keyof EventPayloads
