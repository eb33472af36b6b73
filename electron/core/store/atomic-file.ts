// The default import (not named imports) lets tests inject a crash between write and rename.
import fs from 'node:fs'
import { dirname } from 'node:path'

/** Windows briefly locks freshly written files (antivirus, indexer); renames then fail with these. */
const TRANSIENT_RENAME_CODES = new Set(['EPERM', 'EACCES', 'EBUSY'])
const RENAME_ATTEMPTS = 5
const RENAME_RETRY_DELAY_MS = 20

/**
 * Replaces `filePath` with `data` so that readers, and the file after a crash or power loss, see
 * either the old content or the new one, never a mix: the data goes to a temp file next to the
 * target, is flushed to disk, then renamed over the target in one step.
 *
 * `mode` (e.g. 0o600) is applied to the temp file before any data is written, so the content is
 * never readable by others, even for a moment; folders it creates are then 0700.
 */
export function writeFileAtomicSync(filePath: string, data: string, options: { mode?: number } = {}): void {
  // A private file's missing folders are created owner-only too.
  fs.mkdirSync(dirname(filePath), { recursive: true, ...(options.mode === undefined ? {} : { mode: 0o700 }) })
  const tempPath = `${filePath}.${process.pid}.tmp`
  try {
    const fd = fs.openSync(tempPath, 'w', options.mode ?? 0o666)
    try {
      // The temp file may be left over from a crash with looser permissions: set them explicitly.
      if (options.mode !== undefined) fs.fchmodSync(fd, options.mode)
      fs.writeFileSync(fd, data, 'utf8')
      fs.fsyncSync(fd)
    } finally {
      fs.closeSync(fd)
    }
    renameWithRetry(tempPath, filePath)
  } catch (error) {
    fs.rmSync(tempPath, { force: true })
    throw error
  }
}

function renameWithRetry(from: string, to: string): void {
  for (let attempt = 1; ; attempt++) {
    try {
      fs.renameSync(from, to)
      return
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (attempt >= RENAME_ATTEMPTS || code === undefined || !TRANSIENT_RENAME_CODES.has(code)) throw error
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, RENAME_RETRY_DELAY_MS)
    }
  }
}
