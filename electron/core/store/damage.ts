import fs from 'node:fs'
import { basename, join } from 'node:path'
import { z } from 'zod'
import type { LocalizedText } from '../../../shared/result'
import type { WorkspaceDamageReason } from '../../../shared/workspace-health'
import { AppError, text } from '../errors'
import { writeFileAtomicSync } from './atomic-file'
import { ensurePrivateDir, PRIVATE_FILE_MODE, restrictFiles } from './private-files'

/** Files SQLite keeps next to a database: the WAL, its shared-memory index, a rollback journal. */
export const SIDECAR_SUFFIXES = ['-wal', '-shm', '-journal'] as const

/** The database file and its SQLite side files. */
export function databaseFiles(filePath: string): string[] {
  return [filePath, ...SIDECAR_SUFFIXES.map((suffix) => filePath + suffix)]
}

/** What was found, and (once the manager moved them) where the files went. */
export interface WorkspaceDamage {
  reason: WorkspaceDamageReason
  /** The database file as it was found. */
  filePath: string
  /** SQLite's own words (for the log and support). */
  problems: string[]
  detectedAt: number
  /** The folder the files were moved into; undefined while they are still in place. */
  movedTo?: string
  /** File names moved into `movedTo`. */
  movedFiles: string[]
  /** Paths that could not be moved (e.g. locked by another program). */
  notMoved: string[]
}

const damageRecordSchema = z.object({
  reason: z.enum(['integrity', 'corrupt', 'missing_main_file']),
  filePath: z.string(),
  problems: z.array(z.string()),
  detectedAt: z.number(),
  movedTo: z.string().optional(),
  movedFiles: z.array(z.string()),
  notMoved: z.array(z.string()),
})

const REASONS: Record<WorkspaceDamageReason, LocalizedText> = {
  integrity: text('SQLite 检查发现文件中有损坏的数据', 'SQLite found damaged data in it'),
  corrupt: text(
    '文件头已损坏，SQLite 不再把它当作数据库',
    'its header is damaged, so SQLite no longer takes it for a database',
  ),
  missing_main_file: text(
    '数据库主文件为空或丢失，而旁边的日志文件（-wal）里还有数据',
    'the main file is empty or missing while its write-ahead log (-wal) still holds data',
  ),
}

/** A copy's time as the user reads it: HH:MM today, else with the date. */
export function copyTime(at: number, now: number): string {
  const date = new Date(at)
  const pad = (n: number) => String(n).padStart(2, '0')
  const hhmm = `${pad(date.getHours())}:${pad(date.getMinutes())}`
  if (new Date(now).toDateString() === date.toDateString()) return hhmm
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${hhmm}`
}

/**
 * `workspace_damaged`: the workspace database cannot be trusted. The message says which file and
 * where it went; the hint says what to do. Nothing is read from it or written to it any more.
 */
export class WorkspaceDamagedError extends AppError {
  constructor(
    readonly damage: WorkspaceDamage,
    /** When the newest copy of the user's work was taken, if there is one. */
    readonly backupAt: number | undefined = undefined,
    now: number = Date.now(),
  ) {
    super('workspace_damaged', damagedMessage(damage), { hint: damagedHint(damage, backupAt, now) })
  }
}

function damagedMessage(damage: WorkspaceDamage): LocalizedText {
  const reason = REASONS[damage.reason]
  const { filePath, movedTo } = damage
  if (movedTo === undefined) {
    return text(
      `工作区数据库已损坏（${reason['zh-CN']}）：${filePath}。文件已原样保留，没有删除或改写任何内容。`,
      `The workspace database is damaged (${reason.en}): ${filePath}. The file was left exactly as it was; nothing was deleted or rewritten.`,
    )
  }
  const stuck = damage.notMoved.length === 0 ? undefined : damage.notMoved.join(', ')
  return text(
    `工作区数据库已损坏（${reason['zh-CN']}）：${filePath}。为保护数据，损坏的文件已原样移到 ${movedTo}，没有删除任何内容。` +
      (stuck ? `以下文件无法移动，仍在原处：${stuck}。` : ''),
    `The workspace database is damaged (${reason.en}): ${filePath}. To keep it safe, the damaged files were moved, unchanged, to ${movedTo}; nothing was deleted.` +
      (stuck ? ` These files could not be moved and are still in place: ${stuck}.` : ''),
  )
}

function damagedHint(damage: WorkspaceDamage, backupAt: number | undefined, now: number): LocalizedText {
  if (damage.movedTo === undefined) {
    return text(
      '请关闭应用后把这个文件移到别处（或交给技术支持），再重新打开应用。',
      'Quit the app, move this file elsewhere (or hand it to support), then open the app again.',
    )
  }
  const restore =
    backupAt === undefined
      ? text(
          '没有可用的草稿副本，草稿需要重新创建。',
          'There is no copy of your drafts to restore, so drafts must be created again.',
        )
      : text(
          `草稿和群发记录会从 ${copyTime(backupAt, now)} 的副本恢复。`,
          `Your drafts and send records are restored from the copy of ${copyTime(backupAt, now)}.`,
        )
  return text(
    `在弹出的窗口中选择“用空缓存重新开始”：客户数据会从企业微信重新同步，${restore['zh-CN']}移走的文件请保留，可交给技术支持。`,
    `Choose "Start with an empty cache" in the window that opened: customers are synced again from WeCom. ${restore.en} Keep the moved files; support may need them.`,
  )
}

/** A folder name part from a time: `2024-12-05T15-34-00-123Z`. */
function stamp(at: number): string {
  return new Date(at).toISOString().replace(/[:.]/g, '-')
}

/**
 * Moves the database and its side files, unchanged, into a new folder
 * `<damagedRoot>/<profileId>-<time>/` (never deletes). Files that cannot be moved are listed in
 * `notMoved`. Returns the damage with `movedTo`, `movedFiles` and `notMoved` filled in.
 */
export function moveAside(damage: WorkspaceDamage, damagedRoot: string, profileId: string): WorkspaceDamage {
  ensurePrivateDir(damagedRoot)
  let movedTo = damage.movedTo
  if (movedTo === undefined) {
    const base = join(damagedRoot, `${profileId}-${stamp(damage.detectedAt)}`)
    movedTo = base
    for (let n = 2; fs.existsSync(movedTo); n++) movedTo = `${base}-${n}`
    ensurePrivateDir(movedTo)
  }
  const movedFiles = [...damage.movedFiles]
  const notMoved: string[] = []
  for (const path of databaseFiles(damage.filePath)) {
    if (!fs.existsSync(path)) continue
    const target = join(movedTo, basename(path))
    try {
      if (fs.existsSync(target)) throw new Error(`${target} exists`)
      fs.renameSync(path, target)
      restrictFiles([target])
      if (!movedFiles.includes(basename(path))) movedFiles.push(basename(path))
    } catch {
      notMoved.push(path)
    }
  }
  return { ...damage, movedTo, movedFiles, notMoved }
}

/**
 * The damage record kept beside the (moved) database, `<workspace>.damaged.json`, so a damaged
 * workspace stays damaged across restarts until the user agrees to start fresh: without it the next
 * start would silently create an empty workspace in its place.
 */
export function damageRecordPath(filePath: string): string {
  return `${filePath}.damaged.json`
}

export function writeDamageRecord(filePath: string, damage: WorkspaceDamage): void {
  writeFileAtomicSync(damageRecordPath(filePath), `${JSON.stringify(damage, null, 2)}\n`, { mode: PRIVATE_FILE_MODE })
}

/** The stored record, or undefined. An unreadable record still means damaged (never start empty silently). */
export function readDamageRecord(filePath: string): WorkspaceDamage | undefined {
  let raw: string
  try {
    raw = fs.readFileSync(damageRecordPath(filePath), 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    raw = ''
  }
  try {
    const parsed = damageRecordSchema.parse(JSON.parse(raw))
    const damage: WorkspaceDamage = {
      reason: parsed.reason,
      filePath: parsed.filePath,
      problems: parsed.problems,
      detectedAt: parsed.detectedAt,
      movedFiles: parsed.movedFiles,
      notMoved: parsed.notMoved,
    }
    if (parsed.movedTo !== undefined) damage.movedTo = parsed.movedTo
    return damage
  } catch {
    return {
      reason: 'corrupt',
      filePath,
      problems: ['damage record unreadable'],
      detectedAt: 0,
      movedFiles: [],
      notMoved: [],
    }
  }
}

export function removeDamageRecord(filePath: string): void {
  fs.rmSync(damageRecordPath(filePath), { force: true })
}
