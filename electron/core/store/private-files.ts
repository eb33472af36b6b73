import fs from 'node:fs'

/**
 * The data folder is the user's alone: on a computer shared by several local users, nobody else may
 * list or read it. Folders are 0700 and files 0600, whatever the process umask, and whoever created
 * them (SQLite creates its own files with 0644 unless told otherwise). On Windows, where modes mean
 * little, these calls are harmless.
 */
export const PRIVATE_DIR_MODE = 0o700
export const PRIVATE_FILE_MODE = 0o600

/** Creates `dir` (and missing parents) and makes it owner-only, also when it already existed. */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE })
  restrictMode(dir, PRIVATE_DIR_MODE)
}

/**
 * Creates `filePath` empty with mode 0600 when it does not exist (so that SQLite, opening it
 * afterwards, keeps that mode and gives its -wal / -shm the same), and makes an existing file
 * owner-only. Its folder must exist.
 */
export function ensurePrivateFile(filePath: string): void {
  const fd = fs.openSync(filePath, fs.constants.O_RDWR | fs.constants.O_CREAT, PRIVATE_FILE_MODE)
  try {
    fs.fchmodSync(fd, PRIVATE_FILE_MODE)
  } finally {
    fs.closeSync(fd)
  }
}

/** Makes each existing path owner-only (files 0600); paths that do not exist are skipped. */
export function restrictFiles(paths: readonly string[]): void {
  for (const path of paths) restrictMode(path, PRIVATE_FILE_MODE)
}

function restrictMode(path: string, mode: number): void {
  try {
    if ((fs.statSync(path).mode & 0o777) !== mode) fs.chmodSync(path, mode)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
}
