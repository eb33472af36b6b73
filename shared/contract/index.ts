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
  saveAudienceInputSchema,
  type AudiencePreview,
  type CustomerDetail,
  type CustomerQueryResult,
  type FollowDetail,
  type GroupDetail,
  type GroupRow,
  type MemberSummary,
  type SavedAudience,
  type SyncStatus,
  type TagGroupSummary,
} from '../customers'
import {
  draftInputSchema,
  receiveCapRuleSchema,
  sendTestInputSchema,
  type CopiedMessage,
  type Draft,
  type DraftSummary,
  type GroupMsgProgress,
  type GroupMsgResultCounts,
  type GroupMsgResultRow,
  type GroupMsgStopResult,
  type GroupMsgSummary,
  type GroupMsgTask,
  type LocalMediaRef,
  type ReceiveCapRule,
  type RemindStatus,
  type SendJobSummary,
  type SendPreview,
} from '../massMessages'
import {
  profileIdSchema,
  profileInputSchema,
  type ConnectionStatus,
  type ConnectionTestResult,
  type ProfileSummary,
  type SecretProtection,
} from '../profiles'
import type { WorkspaceHealth } from '../workspace-health'
import { momentsContract } from './moments'
import { statisticsContract } from './statistics'
import { welcomeTemplatesContract } from './welcomeTemplates'

const none = z.undefined()
const draftId = z.string().trim().min(1).max(128)

/** Facts about the running app that the shell and status bar show. */
export interface AppInfo {
  version: string
  shell: 'electron' | 'browser'
  locale: Locale
  secretProtection: SecretProtection
  /** The log file to send to support (empty when logging to a file is off). */
  logFile: string
}

/**
 * Why this copy of the console cannot update itself: the browser shell, a development run, a build
 * without an update feed (UPDATE_URL), or an install the updater cannot replace (a Linux build run
 * outside its AppImage or deb package).
 */
export type UpdateUnavailableReason = 'browser' | 'development' | 'no-feed' | 'unsupported-install'

/** What went wrong, in terms the page words for the user (the details go to the log). */
export type UpdateErrorKind =
  /** The update server could not be reached. */
  | 'offline'
  /** The server answered, but without a valid update description (latest*.yml). */
  | 'feed'
  /** The downloaded file did not match its published sha512 checksum: deleted, nothing installed. */
  | 'checksum'
  /** The downloaded installer is not signed by this app's publisher: deleted, nothing installed. */
  | 'signature'
  /** No room on the disk for the download. */
  | 'disk'
  | 'other'

/** The updater's state, as Settings → About and updates shows it. */
export interface UpdateState {
  currentVersion: string
  status:
    | 'unavailable'
    | 'idle'
    | 'checking'
    | 'up-to-date'
    | 'available'
    | 'downloading'
    | 'downloaded'
    | 'installing'
    | 'error'
  /** When status is `unavailable`. */
  unavailableReason?: UpdateUnavailableReason
  /** The newer version found (from `available` on, and kept through a failed download). */
  update?: { version: string; releaseDate?: string; releaseNotes?: string }
  /** While downloading. */
  progress?: { percent: number; transferred: number; total: number; bytesPerSecond: number }
  /** When status is `error`: what failed and during which step. */
  error?: { kind: UpdateErrorKind; during: 'check' | 'download' | 'install' }
  /** ms since epoch of the last check that reached the server. */
  lastCheckedAt?: number
  /** A check runs at start when the last one is a day old (only when a feed is set). */
  autoCheck: boolean
}

/** Longest parts of a renderer error report (`app:reportError`), in characters. */
export const ERROR_REPORT_LIMITS = { message: 2000, stack: 8000, source: 100, info: 2000 } as const

/** An uncaught renderer error, for the core's log. */
export const errorReportSchema = z
  .object({
    message: z.string().min(1).max(ERROR_REPORT_LIMITS.message),
    stack: z.string().max(ERROR_REPORT_LIMITS.stack).optional(),
    /** Where it was caught: `vue`, `window`, `unhandledrejection`, `bootstrap`. */
    source: z.string().min(1).max(ERROR_REPORT_LIMITS.source),
    /** What Vue or the browser adds (the hook, file:line:column). */
    info: z.string().max(ERROR_REPORT_LIMITS.info).optional(),
  })
  .strict()
export type ErrorReport = z.input<typeof errorReportSchema>

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
    /** Writes an uncaught renderer error to the core's log (redacted); the renderer rate-limits it. */
    reportError: call(errorReportSchema, shape<void>()),
    /**
     * Opens the log file's folder in the computer's file manager; answers the folder. Where that
     * cannot be done the error says so, and Settings still shows the path to copy.
     * @example await api.app.openLogFolder()
     */
    openLogFolder: call(none, shape<{ folder: string }>()),
    // updates: only the installed desktop app updates itself; elsewhere the state says why not
    getUpdateState: call(none, shape<UpdateState>()),
    /** Asks the feed whether a newer version exists; never downloads or installs by itself. */
    checkForUpdates: call(none, shape<UpdateState>()),
    /** Downloads the version found; its checksum (and on Windows its signature) is verified. */
    downloadUpdate: call(none, shape<UpdateState>()),
    /** Quits, installs the downloaded, verified update and restarts: only on the user's click. */
    installUpdate: call(none, shape<UpdateState>()),
    onUpdateState: event(shape<UpdateState>()),
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
    /** The active workspace: ok, being checked, or damaged (moved aside: where, and the copy a fresh start restores). */
    workspaceHealth: call(none, shape<WorkspaceHealth>()),
    /**
     * The user agrees to start the damaged active workspace over with an empty cache: drafts and the
     * send journal come back from the newest copy. The damaged files stay where they were moved.
     */
    startFreshWorkspace: call(none, shape<WorkspaceHealth>()),
    /** The active workspace's health changed (damage found in the background, a fresh start). */
    onWorkspaceHealth: event(shape<WorkspaceHealth>()),
  },
  customers: {
    /** One window of the filtered, sorted customers, with the total count. */
    query: call(customerQuerySchema, shape<CustomerQueryResult>()),
    get: call(z.object({ externalUserid: z.string().min(1).max(128) }).strict(), shape<CustomerDetail>()),
    /** Every customer the filter matches, in the sort order, as an XLSX or CSV file (names, remarks, members, tags). */
    export: call(
      customerQuerySchema.omit({ offset: true, limit: true }).extend({ format: z.enum(['xlsx', 'csv']) }),
      shape<{ filename: string; dataBase64: string; contentType: string }>(),
    ),
    /** Rows of the running `export` read so far, window by window. */
    onExportProgress: event(shape<{ done: number; total: number }>()),
    /** Members with customer contact, for filters and pickers. */
    members: call(none, shape<MemberSummary[]>()),
    /** Edits a member's remark / description / remark company for a customer (WeCom first, then the cache). */
    updateRemark: call(remarkInputSchema, shape<FollowDetail>()),
    /** Adds / removes corp tags on a member ↔ customer relation (WeCom first, then the cache). */
    markTags: call(markTagsInputSchema, shape<FollowDetail>()),
    /**
     * Adds / removes corp tags on every relation of the filtered or picked customers: WeCom first
     * (mark_tag per relation), then the cache; refusals are listed, the rest goes on.
     */
    bulkTags: call(
      z
        .object({
          scope: z.union([
            z.object({ filter: customerFilterSchema }).strict(),
            z.object({ externalUserids: z.array(z.string().min(1).max(128)).min(1).max(100_000) }).strict(),
          ]),
          add: z.array(z.string().min(1).max(128)).max(100).default([]),
          remove: z.array(z.string().min(1).max(128)).max(100).default([]),
        })
        .strict(),
      shape<{
        done: number
        total: number
        failed: number
        customers: number
        failures: Array<{ externalUserid: string; name: string; userid: string; memberName: string; message: string }>
      }>(),
    ),
    /** Relations handled so far by the running `bulkTags`. */
    onBulkTagsProgress: event(shape<{ done: number; total: number; failed: number }>()),
    // tags: the corp tag library
    listTags: call(none, shape<TagGroupSummary[]>()),
    addTags: call(addTagsInputSchema, shape<TagGroupSummary>()),
    editTag: call(editTagInputSchema, shape<TagGroupSummary[]>()),
    removeTags: call(removeTagsInputSchema, shape<TagGroupSummary[]>()),
    // groups: customer group chats
    queryGroups: call(groupQuerySchema, shape<{ total: number; rows: GroupRow[] }>()),
    getGroup: call(z.object({ chatId: z.string().min(1).max(128) }).strict(), shape<GroupDetail>()),
    /** The cached groups with these ids (gone ones marked), in that order: names for a draft's picked groups. */
    groupsByIds: call(
      z.object({ chatIds: z.array(z.string().min(1).max(128)).max(20_000) }).strict(),
      shape<GroupRow[]>(),
    ),
    /** Names of the cached customers with these ids: a draft's picked customers by name. */
    customerNames: call(
      z.object({ externalUserids: z.array(z.string().min(1).max(128)).max(100_000) }).strict(),
      shape<Array<{ externalUserid: string; name: string }>>(),
    ),
    /** The live cached groups a customer is in, for the customer's detail. */
    customerGroups: call(z.object({ externalUserid: z.string().min(1).max(128) }).strict(), shape<GroupRow[]>()),
    /** Members who own live cached groups, with their group counts, most groups first. */
    groupOwners: call(none, shape<Array<{ userid: string; name: string; groupCount: number }>>()),
    /** Every group the Groups page's filter (search, owners, sort) matches, as an XLSX or CSV file. */
    exportGroups: call(
      groupQuerySchema.omit({ offset: true, limit: true }).extend({ format: z.enum(['xlsx', 'csv']) }),
      shape<{ filename: string; dataBase64: string; contentType: string }>(),
    ),
    // sync: members, tags, customers and groups into the workspace cache
    /** Starts a sync of members, tags, customers and groups, or resumes a stopped one; returns at once. */
    startSync: call(none, shape<SyncStatus>()),
    /** Stops the running sync after the calls in flight; `startSync` resumes it. */
    cancelSync: call(none, shape<SyncStatus>()),
    getSyncStatus: call(none, shape<SyncStatus>()),
    onSyncProgress: event(shape<SyncStatus>()),
    // audience: who a filter reaches (used by every feature that targets customers)
    /** How many customers a filter reaches and which members would get the tasks. */
    previewAudience: call(z.object({ filter: customerFilterSchema }).strict(), shape<AudiencePreview>()),
    /** Saved audiences (named customer filters) of the workspace, by name. */
    listAudiences: call(none, shape<SavedAudience[]>()),
    /** Names a filter to reuse (no id), or renames / changes a saved one; names are unique, ≤ 30 characters. */
    saveAudience: call(saveAudienceInputSchema, shape<SavedAudience>()),
    removeAudience: call(z.object({ id: z.string().trim().min(1).max(128) }).strict(), shape<{ id: string }>()),
  },
  massMessages: {
    // drafts: composed offline, kept in the workspace
    /** Newest first; works with no network. */
    listDrafts: call(none, shape<DraftSummary[]>()),
    getDraft: call(z.object({ id: draftId }).strict(), shape<Draft>()),
    /** Autosave: creates (no id) or updates a draft; lenient so nothing typed is refused. */
    saveDraft: call(draftInputSchema, shape<DraftSummary>()),
    duplicateDraft: call(z.object({ id: draftId }).strict(), shape<DraftSummary>()),
    removeDraft: call(z.object({ id: draftId }).strict(), shape<{ id: string }>()),
    /** Keeps a picked file's bytes locally; they are uploaded only when the message is sent. */
    addMedia: call(
      z
        .object({
          filename: z.string().trim().min(1).max(255),
          contentType: z.string().max(100),
          dataBase64: z.string().max(30 * 1024 * 1024),
        })
        .strict(),
      shape<LocalMediaRef>(),
    ),
    /** A stored file as a data: URL, for previews. */
    mediaDataUrl: call(z.object({ localMediaId: draftId }).strict(), shape<{ dataUrl: string }>()),
    // sending: preview, exactly-once send, scheduled jobs
    /** Recipients, tasks, API calls and receive-cap warning for a draft, before sending. */
    preview: call(z.object({ draftId }).strict(), shape<SendPreview>()),
    /**
     * Sends a draft now, or at `scheduledAt` (ms); exactly once, resumable after a crash. The same
     * content sent (or scheduled) within `REPEAT_SEND_WINDOW_MS` is refused, naming the earlier
     * send, unless `confirmRepeat: true` says the user confirmed sending it again.
     */
    send: call(
      z
        .object({ draftId, scheduledAt: z.number().int().positive().optional(), confirmRepeat: z.boolean().optional() })
        .strict(),
      shape<SendJobSummary>(),
    ),
    /**
     * "Send to myself first": the draft now, to one customer or group of the member `sender` (one
     * add_msg_template), through the same exactly-once journal; marked as a test, the draft stays unsent.
     */
    sendTest: call(sendTestInputSchema, shape<SendJobSummary>()),
    jobs: call(none, shape<SendJobSummary[]>()),
    /** Cancels a scheduled send that has not started. */
    cancelJob: call(z.object({ jobId: draftId }).strict(), shape<SendJobSummary>()),
    onJobUpdate: event(shape<SendJobSummary>()),
    getSettings: call(none, shape<{ receiveCap: ReceiveCapRule }>()),
    setSettings: call(z.object({ receiveCap: receiveCapRuleSchema }).strict(), shape<{ receiveCap: ReceiveCapRule }>()),
    // history: the corp's sent mass messages, tracked
    /** The corp's mass messages over any date range (split into windows of at most a month). */
    list: call(
      z
        .object({
          chatType: z.enum(['single', 'group']),
          from: z.number().int().nonnegative(),
          to: z.number().int().nonnegative(),
          creator: z.string().max(128).optional(),
          /** 0 corp, 1 personal, 2 all. */
          filterType: z.union([z.literal(0), z.literal(1), z.literal(2)]).default(2),
        })
        .strict()
        .refine((v) => v.to >= v.from, { error: 'v.invalid' }),
      shape<GroupMsgSummary[]>(),
    ),
    /** One message by msgid (a detail opened by a reload or a link): from the local cache, else from WeCom's list. */
    get: call(z.object({ msgid: draftId }).strict(), shape<GroupMsgSummary>()),
    /**
     * A new draft from a sent message: text, links, mini programs, and the media this console still
     * keeps; `uncopied` names the attachments whose file must be chosen again.
     */
    copyAsDraft: call(z.object({ msgid: draftId }).strict(), shape<CopiedMessage>()),
    /** Where each message stands (stopped, all sent, or members still sending), for the list's status column. */
    progress: call(z.object({ msgids: z.array(draftId).min(1).max(100) }).strict(), shape<GroupMsgProgress[]>()),
    tasks: call(z.object({ msgid: draftId }).strict(), shape<GroupMsgTask[]>()),
    results: call(
      z.object({ msgid: draftId }).strict(),
      shape<{ counts: GroupMsgResultCounts; rows: GroupMsgResultRow[] }>(),
    ),
    export: call(
      z.object({ msgid: draftId, format: z.enum(['xlsx', 'csv']) }).strict(),
      shape<{ filename: string; dataBase64: string; contentType: string }>(),
    ),
    remindStatus: call(z.object({ msgid: draftId }).strict(), shape<RemindStatus>()),
    /** Re-notifies members who have not sent; at most 3 times per 24 h per message. */
    remind: call(z.object({ msgid: draftId }).strict(), shape<RemindStatus>()),
    /** Stops the message (recorded locally: WeCom keeps no such flag); stopping it again says it already is. */
    cancel: call(z.object({ msgid: draftId }).strict(), shape<GroupMsgStopResult>()),
  },
  moments: momentsContract,
  welcomeTemplates: welcomeTemplatesContract,
  statistics: statisticsContract,
} as const

export type Contract = typeof contract
export type Api = ApiOf<Contract>
export type Handlers = HandlersOf<Contract>
export type EventPayloads = EventPayloadsOf<Contract>
export type EventChannel = keyof EventPayloads
