import { Buffer } from 'node:buffer'
import { randomUUID } from 'node:crypto'
import { WECOM_LIMITS } from '../../../../shared/limits/wecom'
import type { Locale } from '../../../../shared/result'
import { describeIssues } from '../../../../shared/validation'
import {
  NICKNAME,
  welcomeContentDraftSchema,
  welcomeContentSchema,
  type WelcomeContent,
  type WelcomeLibrary,
  type WelcomeListInput,
  type WelcomeRefreshSummary,
  type WelcomeTemplate,
  type WelcomeTemplateSummary,
  welcomeListSchema,
} from '../../../../shared/welcomeTemplates'
import { AppError, text } from '../../errors'
import { LocalMediaService } from '../../media/local-media'
import { PREVIEWABLE_TYPES } from '../../media/sniff'
import type { Workspace } from '../../store/workspace'
import { WecomApiError, WecomOutcomeUnknownError, type WecomClient } from '../../wecom'
import {
  alreadyInLibrary,
  cannotRemoveAttachment,
  capReached,
  createdByAnotherApp,
  deletedInWecom,
  mayHaveBeenCreated,
  notDeleted,
  pushInProgress,
  templateNotFound,
  templateNotPushable,
} from './errors'
import { WelcomeTemplateRepository, type PushOp, type StoredError, type TemplateRecord } from './repository'
import { contentFromWecom, sameContent, sameForWecom, wecomBody } from './wecom-content'

const L = WECOM_LIMITS.welcomeTemplate
const DAY_MS = 24 * 3600 * 1000
/** edit and del change nothing when repeated: an unknown outcome is retried this many times. */
const IDEMPOTENT_RETRIES = 2
/** WeCom's answer to an id it does not know (it has no dedicated code for a deleted template). */
const UNKNOWN_TEMPLATE_ERRCODE = 40058
/** Templates read at once when the whole library is checked (well under WeCom's concurrency cap). */
const REFRESH_CONCURRENCY = 4

export interface LibraryDeps {
  workspace: () => Workspace
  client: () => Promise<WecomClient>
  locale: () => Locale
  now?: () => number
  /** Downloads an image address (the pic_url of an imported template) for a local copy; undefined when it cannot. */
  fetchImage?: (url: string) => Promise<{ bytes: Uint8Array; contentType: string } | undefined>
}

/** Calls under way, by workspace file and entry: a journal entry outside this set was interrupted. */
const inFlight = new Set<string>()

/** What a push, refresh or delete call did not manage, kept on the entry in both languages. */
function storedError(error: unknown): StoredError | null {
  if (!(error instanceof AppError)) return null
  return {
    text: error.text,
    ...(error.hint ? { hint: error.hint } : {}),
    ...(error.wecomErrcode === undefined ? {} : { wecomErrcode: error.wecomErrcode }),
  }
}

const isWecomError = (error: unknown, errcode: number) => error instanceof WecomApiError && error.errcode === errcode

/**
 * The group welcome template library of one profile's workspace. WeCom has no list call, so this
 * table is the list; the editor autosaves here offline, and `push` creates (add) or updates (edit)
 * the template in WeCom exactly once: the call is journaled before it is made, and an add whose
 * answer is lost is marked "may have been created" instead of being sent again.
 */
export class WelcomeTemplateLibrary {
  private readonly now: () => number

  constructor(private readonly deps: LibraryDeps) {
    this.now = deps.now ?? Date.now
  }

  private repo(): WelcomeTemplateRepository {
    return this.deps.workspace().repository(WelcomeTemplateRepository)
  }

  private key(id: string): string {
    return `${this.deps.workspace().filePath}\u0000${id}`
  }

  private record(id: string): TemplateRecord {
    const record = this.repo().get(id)
    if (!record) throw templateNotFound(id)
    return record
  }

  /** The live entry, or not-found for one in the deleted view. */
  private live(id: string): TemplateRecord {
    const record = this.record(id)
    if (record.deletedAt !== null) throw templateNotFound(id)
    return record
  }

  private summary(record: TemplateRecord): WelcomeTemplateSummary {
    const summary: WelcomeTemplateSummary = {
      id: record.id,
      excerpt: excerptOf(record.content.text),
      notify: record.notify,
      syncState: record.pushOp !== null && inFlight.has(this.key(record.id)) ? 'pushing' : record.syncState,
      ownership: record.ownership,
      origin: record.origin,
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
    }
    if (record.templateId) summary.templateId = record.templateId
    if (record.content.attachment) summary.attachmentKind = record.content.attachment.msgtype
    if (record.copiedFrom) summary.copiedFrom = record.copiedFrom
    if (record.lastPushedAt !== null) summary.lastPushedAt = record.lastPushedAt
    if (record.deletedAt !== null) summary.deletedAt = record.deletedAt
    return summary
  }

  private view(record: TemplateRecord): WelcomeTemplate {
    const locale = this.deps.locale()
    const template: WelcomeTemplate = { ...this.summary(record), content: record.content }
    if (record.lastError) {
      template.lastError = { message: record.lastError.text[locale] }
      if (record.lastError.hint) template.lastError.hint = record.lastError.hint[locale]
      if (record.lastError.wecomErrcode !== undefined) template.lastError.wecomErrcode = record.lastError.wecomErrcode
    }
    return template
  }

  /**
   * Journal entries no call is running for were interrupted (the app stopped between the call and
   * its record): an add may have created the template; an edit or delete can simply be repeated.
   */
  private recoverInterrupted(): void {
    const repo = this.repo()
    for (const record of repo.journaled()) {
      if (inFlight.has(this.key(record.id))) continue
      if (record.pushOp === 'add') {
        repo.update(record.id, {
          pushOp: null,
          pushStartedAt: null,
          syncState: 'maybe_created',
          lastError: storedError(mayHaveBeenCreated()),
        })
      } else {
        const interrupted = new AppError(
          'welcome_template_interrupted',
          text(
            '上次操作被中断，没有确认企业微信是否已执行。',
            'The last action was interrupted before WeCom’s answer was recorded.',
          ),
          {
            hint: text(
              '可以放心重试：重复执行不会产生重复内容。',
              'It is safe to try again: repeating it makes no duplicate.',
            ),
          },
        )
        repo.update(record.id, {
          pushOp: null,
          pushStartedAt: null,
          syncState: 'failed',
          lastError: storedError(interrupted),
        })
      }
    }
  }

  /** The library (or the deleted view) with the count against WeCom's cap; works offline. */
  list(input: WelcomeListInput = {}): WelcomeLibrary {
    const filter = welcomeListSchema.parse(input)
    const repo = this.repo()
    this.recoverInterrupted()
    repo.purgeDeleted(this.now() - L.deletedKeepDays * DAY_MS)
    const records = repo.list({
      deleted: filter.view === 'deleted',
      search: filter.search,
      ...(filter.kind ? { kind: filter.kind } : {}),
      ...(filter.syncState ? { syncState: filter.syncState } : {}),
    })
    return {
      items: records.map((record) => this.summary(record)),
      inCorp: repo.countInCorp(),
      cap: L.perCorp,
      warnAt: L.warnAt,
      deletedCount: repo.countDeleted(),
    }
  }

  get(id: string): WelcomeTemplate {
    this.recoverInterrupted()
    return this.view(this.record(id))
  }

  /** Autosave: a new entry (no id) or the entry's local copy; never calls WeCom. */
  save(input: { id?: string | undefined; content: WelcomeContent; notify: boolean }): WelcomeTemplate {
    const now = this.now()
    const repo = this.repo()
    if (input.id === undefined) {
      const record: TemplateRecord = {
        id: randomUUID(),
        templateId: null,
        content: input.content,
        notify: input.notify,
        pushedContent: null,
        origin: 'created',
        copiedFrom: null,
        ownership: 'own',
        syncState: 'draft',
        pushOp: null,
        pushStartedAt: null,
        lastError: null,
        createdAt: now,
        updatedAt: now,
        lastPushedAt: null,
        deletedAt: null,
      }
      repo.insert(record)
      return this.view(record)
    }
    const record = this.live(input.id)
    if (record.ownership === 'other_app') throw createdByAnotherApp()
    const content = keepUploadedImage(input.content, record.content)
    if (sameContent(content, record.content) && input.notify === record.notify) return this.view(record)
    const changes: Partial<TemplateRecord> = { content, notify: input.notify, updatedAt: now }
    if (record.syncState === 'pushed' || record.syncState === 'changed' || record.syncState === 'failed') {
      if (record.templateId !== null)
        changes.syncState = sameContent(content, record.pushedContent) ? 'pushed' : 'changed'
      else changes.syncState = 'draft'
    }
    repo.update(record.id, changes)
    return this.view(this.record(record.id))
  }

  /** A new draft with the same content (also for templates only their creator may change). */
  duplicate(id: string): WelcomeTemplate {
    const source = this.record(id)
    return this.save({ content: source.content, notify: source.notify })
  }

  /**
   * Creates (add) or updates (edit) the template in WeCom. Refused before any call when a rule is
   * broken, the template belongs to another app, the corp is at its cap, or an earlier add may
   * have created it (unless the user chose `createAgain`). An add is journaled first; its lost
   * answer marks the entry "may have been created". An edit whose answer is lost is repeated.
   */
  async push(id: string, options: { createAgain?: boolean } = {}): Promise<WelcomeTemplate> {
    this.recoverInterrupted()
    const record = this.live(id)
    const key = this.key(id)
    if (inFlight.has(key)) throw pushInProgress()
    if (record.ownership === 'other_app') throw createdByAnotherApp()
    if (record.syncState === 'maybe_created' && !options.createAgain) throw mayHaveBeenCreated()
    if (record.syncState === 'gone' && !options.createAgain) throw deletedInWecom()
    const checked = welcomeContentSchema.safeParse(record.content)
    if (!checked.success) {
      throw templateNotPushable({
        'zh-CN': describeIssues(checked.error.issues, 'zh-CN').join(' '),
        en: describeIssues(checked.error.issues, 'en').join(' '),
      })
    }
    const op: PushOp =
      record.templateId !== null && record.syncState !== 'gone' && !options.createAgain ? 'edit' : 'add'
    const repo = this.repo()
    if (op === 'add') {
      const count = repo.countInCorp() - (record.syncState === 'maybe_created' ? 1 : 0)
      if (count >= L.perCorp) throw capReached(count)
    }
    if (op === 'edit' && record.pushedContent?.attachment && !record.content.attachment) throw cannotRemoveAttachment()

    inFlight.add(key)
    try {
      const client = await this.deps.client()
      const workspace = this.deps.workspace()
      let prepared: Awaited<ReturnType<typeof wecomBody>>
      try {
        prepared = await wecomBody(record.content, { workspace, client, now: this.now })
      } catch (error) {
        repo.update(id, { syncState: 'failed', lastError: storedError(error) })
        throw error
      }
      // The uploaded image's permanent address is kept at once (a later push reuses it), on what is
      // stored now: the editor may have saved newer text while the image was uploading.
      const latest = this.record(id)
      const withImage = keepUploadedImage(latest.content, prepared.content)
      if (!sameJson(withImage, latest.content)) repo.update(id, { content: withImage })
      const startedAt = this.now()
      // The journal: written before the call, cleared in the same write that records its answer.
      repo.update(id, { pushOp: op, pushStartedAt: startedAt })
      try {
        let templateId = record.templateId
        if (op === 'add') {
          templateId = await client.welcomeTemplates.add({ ...prepared.body, notify: record.notify ? 1 : 0 })
        } else {
          // edit replaces the parts it is given; a text emptied here is sent empty so it goes too.
          const body = { ...prepared.body, template_id: templateId! }
          if (!body.text && record.pushedContent?.text.trim()) body.text = { content: '' }
          await retryUnknown(() => client.welcomeTemplates.edit(body))
        }
        const afterCall = this.record(id)
        repo.update(id, {
          templateId,
          pushOp: null,
          pushStartedAt: null,
          pushedContent: prepared.content,
          syncState: sameContent(afterCall.content, prepared.content) ? 'pushed' : 'changed',
          ownership: 'own',
          lastError: null,
          lastPushedAt: this.now(),
          ...(op === 'add' && record.syncState === 'gone' ? { origin: 'created' as const } : {}),
        })
      } catch (error) {
        const changes: Partial<TemplateRecord> = { pushOp: null, pushStartedAt: null }
        if (op === 'add' && error instanceof WecomOutcomeUnknownError) {
          repo.update(id, { ...changes, syncState: 'maybe_created', lastError: storedError(mayHaveBeenCreated()) })
          throw mayHaveBeenCreated()
        }
        // An edit refused as an unknown id: WeCom no longer has it when get says so too.
        if (
          op === 'edit' &&
          isWecomError(error, UNKNOWN_TEMPLATE_ERRCODE) &&
          (await this.missingInWecom(client, templateIdOf(record)))
        ) {
          repo.update(id, { ...changes, syncState: 'gone', lastError: storedError(deletedInWecom()) })
          throw deletedInWecom()
        }
        let reported = error
        if (isWecomError(error, 41058)) {
          changes.ownership = 'other_app'
          reported = createdByAnotherApp()
        } else if (isWecomError(error, 41055)) reported = capReached(repo.countInCorp())
        repo.update(id, { ...changes, syncState: 'failed', lastError: storedError(reported) })
        throw reported
      }
    } finally {
      inFlight.delete(key)
    }
    return this.view(this.record(id))
  }

  /**
   * Reads the template from WeCom (get): one deleted there is marked `gone` instead of failing at
   * the next push; an entry not changed here takes WeCom's content.
   */
  async refresh(id: string): Promise<WelcomeTemplate> {
    const record = this.live(id)
    if (record.templateId === null) return this.view(record)
    const client = await this.deps.client()
    const repo = this.repo()
    try {
      const answer = await client.welcomeTemplates.get(record.templateId)
      const remote = contentFromWecom(answer)
      const changes: Partial<TemplateRecord> = { lastError: null }
      if (record.syncState === 'gone') changes.syncState = 'pushed'
      const unchangedHere =
        record.syncState === 'pushed' || record.ownership === 'other_app' || record.syncState === 'gone'
      if (unchangedHere && !sameForWecom(record.content, remote)) {
        const content = await this.localCopy(remote)
        Object.assign(changes, { content, pushedContent: content, updatedAt: this.now(), syncState: 'pushed' })
      }
      repo.update(id, changes)
    } catch (error) {
      if (!isWecomError(error, UNKNOWN_TEMPLATE_ERRCODE)) throw error
      repo.update(id, { syncState: 'gone', lastError: storedError(deletedInWecom()) })
    }
    return this.view(this.record(id))
  }

  /**
   * Checks every template of the library that exists in WeCom (get, a few at a time): one deleted
   * there is marked `gone`. Reports progress per template; one that cannot be checked (offline, a
   * refused read) is counted, not fatal.
   */
  async refreshAll(
    onProgress: (progress: { done: number; total: number }) => void = () => undefined,
  ): Promise<WelcomeRefreshSummary> {
    const records = this.repo()
      .list({ deleted: false, search: '' })
      .filter(
        (record) => record.templateId !== null && record.syncState !== 'gone' && record.syncState !== 'maybe_created',
      )
    const summary: WelcomeRefreshSummary = { checked: 0, gone: 0, failed: 0 }
    let next = 0
    let done = 0
    onProgress({ done, total: records.length })
    const worker = async () => {
      while (next < records.length) {
        const record = records[next++]!
        try {
          const refreshed = await this.refresh(record.id)
          summary.checked++
          if (refreshed.syncState === 'gone') summary.gone++
        } catch {
          summary.failed++
        }
        onProgress({ done: ++done, total: records.length })
      }
    }
    await Promise.all(Array.from({ length: Math.min(REFRESH_CONCURRENCY, records.length) }, worker))
    return summary
  }

  /**
   * Adds a template made in the admin console or by another tool to the library, by its id (get).
   * Nothing is written to WeCom: whether this app may change it stays `unknown` until the first
   * edit or delete, which WeCom refuses with 41058 for another app's template; that entry is then
   * view-and-copy only, the draft kept and the reason given in words.
   * `linkTo` settles an entry that "may have been created": it takes the id instead.
   */
  async importById(templateId: string, linkTo?: string): Promise<WelcomeTemplate> {
    const repo = this.repo()
    const existing = repo.byTemplateId(templateId)
    if (existing && existing.id !== linkTo) throw alreadyInLibrary()
    const target = linkTo === undefined ? undefined : this.live(linkTo)
    const client = await this.deps.client()
    let answer: Awaited<ReturnType<WecomClient['welcomeTemplates']['get']>>
    try {
      answer = await client.welcomeTemplates.get(templateId)
    } catch (error) {
      if (!isWecomError(error, UNKNOWN_TEMPLATE_ERRCODE)) throw error
      throw new AppError(
        'welcome_template_unknown_id',
        text(
          `企业微信中没有模板 ID 为「${templateId}」的入群欢迎语。`,
          `WeCom has no group welcome template with the ID “${templateId}”.`,
        ),
        {
          hint: text(
            '请到 管理后台 → 客户联系 → 加入群聊欢迎语 中复制完整的模板 ID 再试。',
            'Copy the whole template ID from Admin console → Customer Contact → Group welcome messages and try again.',
          ),
          wecomErrcode: error instanceof WecomApiError ? error.errcode : UNKNOWN_TEMPLATE_ERRCODE,
        },
      )
    }
    const remote = await this.localCopy(contentFromWecom(answer))
    const ownership: TemplateRecord['ownership'] = 'unknown'
    const now = this.now()
    if (target) {
      repo.update(target.id, {
        templateId,
        ownership,
        pushedContent: remote,
        syncState: sameForWecom(target.content, remote) ? 'pushed' : 'changed',
        lastError: null,
        lastPushedAt: target.lastPushedAt ?? now,
        updatedAt: now,
      })
      return this.view(this.record(target.id))
    }
    const record: TemplateRecord = {
      id: randomUUID(),
      templateId,
      content: remote,
      notify: true,
      pushedContent: remote,
      origin: 'imported',
      copiedFrom: null,
      ownership,
      syncState: 'pushed',
      pushOp: null,
      pushStartedAt: null,
      lastError: null,
      createdAt: now,
      updatedAt: now,
      lastPushedAt: null,
      deletedAt: null,
    }
    repo.insert(record)
    return this.view(record)
  }

  /**
   * Deletes the template: in WeCom first (del, repeated when its answer is lost) when it exists
   * there and this app created it, then moves the local copy to the deleted view for 30 days.
   * `localOnly` only removes it from the library (another app's template stays in WeCom).
   */
  async remove(id: string, options: { localOnly?: boolean } = {}): Promise<WelcomeTemplate> {
    this.recoverInterrupted()
    const record = this.live(id)
    const key = this.key(id)
    if (inFlight.has(key)) throw pushInProgress()
    const repo = this.repo()
    const inWecom = record.templateId !== null && record.syncState !== 'gone'
    if (inWecom && !options.localOnly) {
      if (record.ownership === 'other_app') throw createdByAnotherApp()
      inFlight.add(key)
      try {
        const client = await this.deps.client()
        repo.update(id, { pushOp: 'del', pushStartedAt: this.now() })
        try {
          await retryUnknown(() => client.welcomeTemplates.del(record.templateId!))
        } catch (error) {
          // Already gone (deleted elsewhere, or by a repeated call whose first answer was lost).
          if (!isWecomError(error, UNKNOWN_TEMPLATE_ERRCODE)) {
            const reported = isWecomError(error, 41058) ? createdByAnotherApp() : error
            repo.update(id, {
              pushOp: null,
              pushStartedAt: null,
              lastError: storedError(reported),
              ...(isWecomError(error, 41058) ? { ownership: 'other_app' as const } : {}),
            })
            throw reported
          }
        }
        repo.update(id, {
          pushOp: null,
          pushStartedAt: null,
          syncState: 'gone',
          lastError: null,
          deletedAt: this.now(),
        })
      } finally {
        inFlight.delete(key)
      }
    } else {
      repo.update(id, { deletedAt: this.now(), lastError: null })
    }
    return this.view(this.record(id))
  }

  /**
   * Brings an entry back from the deleted view: one still in WeCom (removed here only) as it was;
   * one deleted in WeCom as a new draft of the same content.
   */
  restore(id: string): WelcomeTemplate {
    const record = this.record(id)
    if (record.deletedAt === null) throw notDeleted()
    const repo = this.repo()
    const stillInWecom = record.templateId !== null && record.syncState !== 'gone'
    if (stillInWecom && !repo.byTemplateId(record.templateId!)) {
      repo.update(id, { deletedAt: null, updatedAt: this.now() })
    } else {
      repo.update(id, {
        deletedAt: null,
        templateId: null,
        pushedContent: null,
        syncState: 'draft',
        ownership: 'own',
        origin: 'created',
        lastError: null,
        updatedAt: this.now(),
      })
    }
    return this.view(this.record(id))
  }

  /**
   * Adds a copy of `content` as a new entry of this library and pushes it (copy to another
   * profile). The entry stays (as a draft or failed, with the reason) when the push is refused.
   */
  async addCopy(content: WelcomeContent, notify: boolean, copiedFrom: string | null): Promise<WelcomeTemplate> {
    const created = this.save({ content, notify })
    this.repo().update(created.id, { origin: 'copied', copiedFrom })
    try {
      return await this.push(created.id)
    } catch (error) {
      if (!(error instanceof AppError)) throw error
      const template = this.get(created.id)
      if (!template.lastError) {
        const stored = storedError(error)!
        const locale = this.deps.locale()
        template.lastError = { message: stored.text[locale], ...(stored.hint ? { hint: stored.hint[locale] } : {}) }
      }
      return template
    }
  }

  /** A local copy of WeCom's image (a permanent pic_url), so the preview shows it and a copy can upload it. */
  private async localCopy(content: WelcomeContent): Promise<WelcomeContent> {
    const attachment = content.attachment
    if (attachment?.msgtype !== 'image' || !attachment.picUrl || !this.deps.fetchImage) return content
    try {
      const image = await this.deps.fetchImage(attachment.picUrl)
      if (!image) return content
      const media = new LocalMediaService(this.deps.workspace, this.now)
      // add() names and types the file from its bytes; a host that sent no JPG/PNG leaves the link only.
      const ref = media.add({
        filename: attachment.picUrl.split('/').pop()?.split('?')[0] || 'image',
        contentType: image.contentType,
        dataBase64: Buffer.from(image.bytes).toString('base64'),
      })
      if (!PREVIEWABLE_TYPES.has(ref.contentType)) return content
      return { ...content, attachment: { msgtype: 'image', image: ref, picUrl: attachment.picUrl } }
    } catch {
      return content
    }
  }

  /** Whether WeCom answers get for the id with "unknown id" (a read: a failure to ask says no). */
  private async missingInWecom(client: WecomClient, templateId: string): Promise<boolean> {
    try {
      await client.welcomeTemplates.get(templateId)
      return false
    } catch (error) {
      return isWecomError(error, UNKNOWN_TEMPLATE_ERRCODE)
    }
  }

  /** The stored content of an entry, for copying it elsewhere. */
  source(id: string): TemplateRecord {
    return this.record(id)
  }
}

/** An unknown outcome of an idempotent call (edit, del) is settled by making the call again. */
async function retryUnknown(callOnce: () => Promise<void>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await callOnce()
    } catch (error) {
      if (!(error instanceof WecomOutcomeUnknownError) || attempt >= IDEMPOTENT_RETRIES) throw error
    }
  }
}

/** The uploaded image's address survives an autosave from an editor that did not know it yet. */
function keepUploadedImage(next: WelcomeContent, stored: WelcomeContent): WelcomeContent {
  const parsed = welcomeContentDraftSchema.parse(next)
  const a = parsed.attachment
  const b = stored.attachment
  if (a?.msgtype === 'image' && b?.msgtype === 'image' && !a.picUrl && b.picUrl) {
    const sameImage = a.image?.localMediaId !== undefined && a.image.localMediaId === b.image?.localMediaId
    const stillRemote = a.image === undefined && b.image === undefined
    if (sameImage || stillRemote) return { ...parsed, attachment: { ...a, picUrl: b.picUrl } }
  }
  return parsed
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

const EXCERPT_CHARS = 120
/** The first characters of the text for the list, never cutting a `%NICKNAME%` in two (the list shows it as a chip). */
export function excerptOf(text: string): string {
  let end = EXCERPT_CHARS
  const placeholder = text.indexOf(NICKNAME, Math.max(0, end - NICKNAME.length + 1))
  if (placeholder !== -1 && placeholder < end) end = placeholder + NICKNAME.length
  return text.slice(0, end)
}
const templateIdOf = (record: TemplateRecord) => record.templateId ?? ''
