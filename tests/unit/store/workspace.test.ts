import { readFileSync, writeFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '../../../electron/core/errors'
import { latestVersion, MIGRATIONS, type Migration } from '../../../electron/core/store/migrations'
import { openWorkspace, type Workspace } from '../../../electron/core/store/workspace'
import { useTempDir } from './temp-dir'

const tempDir = useTempDir()
const opened: Workspace[] = []

afterEach(() => {
  while (opened.length > 0) opened.pop()?.close()
})

function open(filePath: string, migrations?: readonly Migration[]): Workspace {
  const workspace = openWorkspace(filePath, migrations ? { migrations } : {})
  opened.push(workspace)
  return workspace
}

function pragma(workspace: Workspace, name: string): unknown {
  return Object.values(workspace.db.prepare(`PRAGMA ${name}`).get() ?? {})[0]
}

function tableNames(workspace: Workspace): string[] {
  const rows = workspace.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as {
    name: string
  }[]
  return rows.map((row) => row.name)
}

/** Captures the error `fn` throws, failing the test when it does not throw. */
function thrown(fn: () => unknown): AppError {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(AppError)
    return error as AppError
  }
  throw new Error('expected an AppError')
}

/** Test migrations that count how often each ran. */
function countingMigrations(runs: number[]): Migration[] {
  return [1, 2].map((version) => ({
    version,
    name: `step_${version}`,
    up(db) {
      runs.push(version)
      db.exec(`CREATE TABLE t${version} (x INTEGER)`)
    },
  }))
}

describe('openWorkspace', () => {
  it('creates the folder and configures WAL, synchronous=NORMAL, foreign keys and a busy timeout', () => {
    const workspace = open(join(tempDir(), 'nested', 'deeper', 'w.sqlite'))
    expect(pragma(workspace, 'journal_mode')).toBe('wal')
    expect(pragma(workspace, 'synchronous')).toBe(1) // NORMAL
    expect(pragma(workspace, 'foreign_keys')).toBe(1)
    expect(pragma(workspace, 'busy_timeout')).toBe(5000)
    expect(existsSync(join(tempDir(), 'nested', 'deeper', 'w.sqlite'))).toBe(true)
  })

  it('applies the app migrations and records the version in user_version', () => {
    const workspace = open(join(tempDir(), 'w.sqlite'))
    expect(pragma(workspace, 'user_version')).toBe(latestVersion(MIGRATIONS))
    expect(tableNames(workspace)).toEqual(expect.arrayContaining(['audit_log', 'kv']))
    const indexes = workspace.db.prepare('PRAGMA index_list(audit_log)').all() as { name: string }[]
    expect(indexes.map((index) => index.name)).toContain('audit_log_at')
  })

  it('runs each migration once, and not again on reopen', () => {
    const filePath = join(tempDir(), 'w.sqlite')
    const runs: number[] = []
    open(filePath, countingMigrations(runs)).close()
    expect(runs).toEqual([1, 2])
    const reopened = open(filePath, countingMigrations(runs))
    expect(runs).toEqual([1, 2])
    expect(pragma(reopened, 'user_version')).toBe(2)
  })

  it('applies only the migrations appended since the last open', () => {
    const filePath = join(tempDir(), 'w.sqlite')
    const runs: number[] = []
    open(filePath, countingMigrations(runs).slice(0, 1)).close()
    open(filePath, countingMigrations(runs))
    expect(runs).toEqual([1, 2])
  })

  it('rolls a failing migration back and leaves the version at the last good step', () => {
    const filePath = join(tempDir(), 'w.sqlite')
    const migrations: Migration[] = [
      { version: 1, name: 'good', up: (db) => db.exec('CREATE TABLE good (x INTEGER)') },
      {
        version: 2,
        name: 'bad',
        up(db) {
          db.exec('CREATE TABLE half_done (x INTEGER)')
          throw new Error('boom')
        },
      },
    ]
    const error = thrown(() => openWorkspace(filePath, { migrations }))
    expect(error.code).toBe('workspace_migration_failed')
    expect(error.text.en).toContain('bad')
    expect((error.cause as Error).message).toBe('boom')

    const db = new DatabaseSync(filePath)
    try {
      expect(db.prepare('PRAGMA user_version').get()).toEqual({ user_version: 1 })
      const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all()
      expect(tables.map((row) => row.name)).toEqual(['good'])
    } finally {
      db.close()
    }
  })

  it('rejects a migration list with a gap instead of half-migrating', () => {
    const migrations: Migration[] = [{ version: 2, name: 'skips_one', up: () => {} }]
    expect(() => openWorkspace(join(tempDir(), 'w.sqlite'), { migrations })).toThrow(/expected 1/)
  })

  it('refuses a database from a newer app version and leaves it unchanged', () => {
    const filePath = join(tempDir(), 'w.sqlite')
    const db = new DatabaseSync(filePath)
    db.exec(`CREATE TABLE future (x INTEGER); PRAGMA user_version = ${latestVersion() + 1}`)
    db.close()
    const before = readFileSync(filePath)

    const error = thrown(() => openWorkspace(filePath))
    expect(error.code).toBe('workspace_too_new')
    expect(error.hint?.['zh-CN']).toContain('更新')
    expect(readFileSync(filePath).equals(before)).toBe(true)
  })

  it('reports a file that is not a database as workspace_damaged and leaves it byte for byte intact', () => {
    const filePath = join(tempDir(), 'w.sqlite')
    const garbage = Buffer.from('not a database, just some customer notes '.repeat(200))
    writeFileSync(filePath, garbage)

    const error = thrown(() => openWorkspace(filePath))
    expect(error.code).toBe('workspace_damaged')
    expect(error.text['zh-CN']).toMatch(/损坏/)
    expect(error.text.en).toContain(filePath)
    expect(error.text.en).toContain('left exactly as it was')
    expect(readFileSync(filePath).equals(garbage)).toBe(true)
    expect(existsSync(`${filePath}-wal`)).toBe(false)
  })

  it('reports a path it cannot open as workspace_unreadable', () => {
    const error = thrown(() => openWorkspace(tempDir())) // a directory, not a file
    expect(error.code).toBe('workspace_unreadable')
  })

  it('reports a database locked by another process as workspace_busy', () => {
    const filePath = join(tempDir(), 'w.sqlite')
    open(filePath).close()
    const other = new DatabaseSync(filePath)
    try {
      other.exec("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; INSERT INTO kv VALUES ('k', '1', 0)")
      const error = thrown(() => openWorkspace(filePath, { busyTimeoutMs: 50 }))
      expect(error.code).toBe('workspace_busy')
    } finally {
      other.exec('ROLLBACK')
      other.close()
    }
  })
})

describe('Workspace.transaction', () => {
  function countRows(workspace: Workspace): number {
    return (workspace.db.prepare('SELECT count(*) AS n FROM kv').get() as { n: number }).n
  }
  const insert = (workspace: Workspace, key: string) =>
    workspace.db.prepare("INSERT INTO kv VALUES (?, '1', 0)").run(key)

  it('commits what the callback did and returns its value', () => {
    const workspace = open(join(tempDir(), 'w.sqlite'))
    expect(workspace.transaction(() => (insert(workspace, 'a'), 'done'))).toBe('done')
    expect(countRows(workspace)).toBe(1)
    expect(workspace.db.isTransaction).toBe(false)
  })

  it('rolls everything back when the callback throws', () => {
    const workspace = open(join(tempDir(), 'w.sqlite'))
    expect(() =>
      workspace.transaction(() => {
        insert(workspace, 'a')
        insert(workspace, 'b')
        throw new Error('stop')
      }),
    ).toThrow('stop')
    expect(countRows(workspace)).toBe(0)
    expect(workspace.db.isTransaction).toBe(false)
  })

  it('lets a nested call join the outer transaction, so an outer failure undoes both', () => {
    const workspace = open(join(tempDir(), 'w.sqlite'))
    expect(() =>
      workspace.transaction(() => {
        workspace.transaction(() => insert(workspace, 'inner'))
        expect(workspace.db.isTransaction).toBe(true) // the inner call did not commit
        throw new Error('outer fails')
      }),
    ).toThrow('outer fails')
    expect(countRows(workspace)).toBe(0)
  })

  it('rolls back and rejects an async callback instead of committing half the work', () => {
    const workspace = open(join(tempDir(), 'w.sqlite'))
    expect(() =>
      workspace.transaction(async () => {
        insert(workspace, 'a')
      }),
    ).toThrow(TypeError)
    expect(countRows(workspace)).toBe(0)
  })
})

describe('Workspace.repository and close', () => {
  class Probe {
    constructor(readonly db: DatabaseSync) {}
  }

  it('builds one repository instance per class and workspace', () => {
    const workspace = open(join(tempDir(), 'w.sqlite'))
    const probe = workspace.repository(Probe)
    expect(workspace.repository(Probe)).toBe(probe)
    expect(probe.db).toBe(workspace.db)
  })

  it('closes the connection, and closing twice is harmless', () => {
    const workspace = open(join(tempDir(), 'w.sqlite'))
    workspace.close()
    workspace.close()
    expect(workspace.isOpen).toBe(false)
    expect(() => workspace.db.prepare('SELECT 1')).toThrow()
  })
})
