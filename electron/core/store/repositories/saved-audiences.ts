import type { DatabaseSync } from 'node:sqlite'
import type { CustomerFilter, SavedAudience } from '../../../../shared/customers'
import { StatementCache } from './statement-cache'

interface AudienceRow {
  id: string
  name: string
  filter: string
  created_at: number
  updated_at: number
}

/** The key names are unique by: trimmed, Latin letters lowercased (so 「VIP」 and 「vip」 are one name). */
export function audienceNameKey(name: string): string {
  return name.trim().replace(/[A-Z]/g, (letter) => letter.toLowerCase())
}

/** Saved audiences: named customer filters (schema: migration 7, table `saved_audiences`). */
export class SavedAudienceRepository {
  private readonly statements: StatementCache

  constructor(db: DatabaseSync) {
    this.statements = new StatementCache(db)
  }

  /** Every saved audience, by name. */
  list(): SavedAudience[] {
    const rows = this.statements
      .get('SELECT * FROM saved_audiences ORDER BY name_key, id')
      .all() as unknown as AudienceRow[]
    return rows.map(toAudience)
  }

  get(id: string): SavedAudience | undefined {
    const row = this.statements.get('SELECT * FROM saved_audiences WHERE id = ?').get(id) as AudienceRow | undefined
    return row === undefined ? undefined : toAudience(row)
  }

  /** The audience holding this name (compared by `audienceNameKey`), if any. */
  byName(name: string): SavedAudience | undefined {
    const row = this.statements.get('SELECT * FROM saved_audiences WHERE name_key = ?').get(audienceNameKey(name)) as
      AudienceRow | undefined
    return row === undefined ? undefined : toAudience(row)
  }

  /** Inserts or replaces the audience with this id. */
  put(audience: SavedAudience): void {
    this.statements
      .get(
        `INSERT INTO saved_audiences (id, name, name_key, filter, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_key = excluded.name_key,
           filter = excluded.filter, updated_at = excluded.updated_at`,
      )
      .run(
        audience.id,
        audience.name,
        audienceNameKey(audience.name),
        JSON.stringify(audience.filter),
        audience.createdAt,
        audience.updatedAt,
      )
  }

  /** False when there was none. */
  remove(id: string): boolean {
    return Number(this.statements.get('DELETE FROM saved_audiences WHERE id = ?').run(id).changes) > 0
  }
}

function toAudience(row: AudienceRow): SavedAudience {
  return {
    id: row.id,
    name: row.name,
    filter: JSON.parse(row.filter) as CustomerFilter,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}
