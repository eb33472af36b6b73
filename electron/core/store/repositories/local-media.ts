import { createHash, randomUUID } from 'node:crypto'
import type { DatabaseSync } from 'node:sqlite'
import type { LocalMediaRef, MediaKind } from '../../../../shared/massMessages'
import { StatementCache } from './statement-cache'

/** A file added to a draft, as the user picked it. */
export interface LocalMediaFile {
  filename: string
  contentType: string
  bytes: Uint8Array
}

/** A stored file with its bytes, for previews and the upload at send time. */
export interface StoredLocalMedia {
  ref: LocalMediaRef
  sha256: string
  bytes: Uint8Array
}

interface LocalMediaRow {
  id: string
  sha256: string
  filename: string
  content_type: string
  size: number
  bytes: Uint8Array
}

/**
 * Draft media kept in the workspace (schema: migration 3, table `local_media`) until a send uploads
 * them. Identical bytes are stored once: adding them again answers the stored file's id.
 */
export class LocalMediaRepository {
  private readonly statements: StatementCache

  constructor(db: DatabaseSync) {
    this.statements = new StatementCache(db)
  }

  /** Stores the file (or finds the same bytes already stored) and returns its reference. */
  add(file: LocalMediaFile, now: number): LocalMediaRef {
    const sha256 = createHash('sha256').update(file.bytes).digest('hex')
    const existing = this.statements
      .get('SELECT id, content_type, size FROM local_media WHERE sha256 = ? AND size = ? ORDER BY created_at LIMIT 1')
      .get(sha256, file.bytes.byteLength) as Pick<LocalMediaRow, 'id' | 'content_type' | 'size'> | undefined
    if (existing !== undefined) {
      return {
        localMediaId: existing.id,
        filename: file.filename,
        contentType: existing.content_type,
        size: existing.size,
      }
    }
    const ref: LocalMediaRef = {
      localMediaId: randomUUID(),
      filename: file.filename,
      contentType: file.contentType,
      size: file.bytes.byteLength,
    }
    this.statements
      .get(
        `INSERT INTO local_media (id, sha256, filename, content_type, size, bytes, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(ref.localMediaId, sha256, ref.filename, ref.contentType, ref.size, file.bytes, now)
    return ref
  }

  get(localMediaId: string): StoredLocalMedia | undefined {
    const row = this.statements.get('SELECT * FROM local_media WHERE id = ?').get(localMediaId) as
      LocalMediaRow | undefined
    if (row === undefined) return undefined
    return {
      ref: { localMediaId: row.id, filename: row.filename, contentType: row.content_type, size: row.size },
      sha256: row.sha256,
      bytes: row.bytes,
    }
  }
}

/**
 * The media_ids uploads gave (schema: migration 3, table `media_uploads`), by file content and
 * kind, so identical bytes are uploaded once per 2.5 days rather than once per send.
 */
export class MediaUploadRepository {
  private readonly statements: StatementCache

  constructor(db: DatabaseSync) {
    this.statements = new StatementCache(db)
  }

  get(sha256: string, kind: MediaKind): { mediaId: string; uploadedAt: number } | undefined {
    return this.statements
      .get('SELECT media_id AS mediaId, uploaded_at AS uploadedAt FROM media_uploads WHERE sha256 = ? AND kind = ?')
      .get(sha256, kind) as { mediaId: string; uploadedAt: number } | undefined
  }

  put(sha256: string, kind: MediaKind, mediaId: string, uploadedAt: number): void {
    this.statements
      .get(
        `INSERT INTO media_uploads (sha256, kind, media_id, uploaded_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (sha256, kind) DO UPDATE SET media_id = excluded.media_id, uploaded_at = excluded.uploaded_at`,
      )
      .run(sha256, kind, mediaId, uploadedAt)
  }
}
