import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppError } from '../../../electron/core/errors'
import { WorkspaceManager } from '../../../electron/core/store/manager'
import { useTempDir } from './temp-dir'

const tempDir = useTempDir()
let manager: WorkspaceManager

beforeEach(() => {
  manager = new WorkspaceManager(tempDir())
})
afterEach(() => manager.closeAll())

describe('WorkspaceManager', () => {
  it('opens <dataDir>/workspaces/<profileId>.sqlite once and caches it', () => {
    const workspace = manager.forProfile('corp_A-1')
    expect(workspace.filePath).toBe(join(tempDir(), 'workspaces', 'corp_A-1.sqlite'))
    expect(existsSync(workspace.filePath)).toBe(true)
    expect(manager.forProfile('corp_A-1')).toBe(workspace)
  })

  it('keeps each profile in its own database', () => {
    manager.forProfile('a').kv.set('owner', 'a')
    expect(manager.forProfile('b') === manager.forProfile('a')).toBe(false)
    expect(manager.forProfile('b').kv.get('owner')).toBeUndefined()
    expect(manager.forProfile('a').kv.get('owner')).toBe('a')
  })

  it.each(['../x', '..', 'a/b', 'a\\b', 'a.sqlite', '', 'x'.repeat(65), 'with space', '客户'])(
    'rejects the profile id %j before touching the disk',
    (badId) => {
      expect(() => manager.forProfile(badId)).toThrow(AppError)
      expect(() => manager.deleteProfile(badId)).toThrow(expect.objectContaining({ code: 'invalid_profile_id' }))
      expect(readdirSync(tempDir())).toEqual([])
    },
  )

  it('accepts a 64-character id', () => {
    expect(manager.forProfile('x'.repeat(64)).isOpen).toBe(true)
  })

  it('closes a profile and reopens it with its data on the next use', () => {
    const first = manager.forProfile('p')
    first.kv.set('k', 'kept')
    manager.closeProfile('p')
    expect(first.isOpen).toBe(false)
    const second = manager.forProfile('p')
    expect(second === first).toBe(false) // toBe would deep-compare closed connections
    expect(second.kv.get('k')).toBe('kept')
  })

  it('reopens a workspace that was closed directly', () => {
    const first = manager.forProfile('p')
    first.close()
    expect(manager.forProfile('p').isOpen).toBe(true)
  })

  it('deletes the database together with its -wal and -shm files', () => {
    const workspace = manager.forProfile('p')
    workspace.kv.set('k', 'v') // leaves a non-empty WAL while the connection is open
    expect(existsSync(`${workspace.filePath}-wal`)).toBe(true)
    expect(existsSync(`${workspace.filePath}-shm`)).toBe(true)
    manager.forProfile('other')

    manager.deleteProfile('p')
    expect(workspace.isOpen).toBe(false)
    expect(readdirSync(join(tempDir(), 'workspaces')).sort()).toEqual(
      ['other.sqlite', 'other.sqlite-shm', 'other.sqlite-wal', 'other.sqlite.in-use'].sort(),
    )
    expect(manager.forProfile('p').kv.get('k')).toBeUndefined()
  })

  it('deleting a profile that never had a workspace is harmless', () => {
    expect(() => manager.deleteProfile('never-opened')).not.toThrow()
  })

  it('closes everything on closeAll', () => {
    const a = manager.forProfile('a')
    const b = manager.forProfile('b')
    manager.closeAll()
    expect([a.isOpen, b.isOpen]).toEqual([false, false])
    expect(manager.forProfile('a') === a).toBe(false)
  })
})
