import { invalidParameter, WeComError } from './wecom-error'
import { SECOND_MS } from './clock'

/** A parsed JSON body or query string: what handlers read their fields from. */
export type Fields = Readonly<Record<string, unknown>>

const encoder = new TextEncoder()

/** An array item or nested value read as fields; anything but an object reads as `{}` (its fields then count as missing). */
export function asFields(value: unknown): Fields {
  return (typeof value === 'object' && value !== null ? value : {}) as Fields
}

/** UTF-8 length: WeCom's byte limits count a CJK character as 3. */
export function utf8Length(text: string): number {
  return encoder.encode(text).length
}

/** Length in characters (code points), for WeCom's "chars" limits. */
export function charLength(text: string): number {
  let count = 0
  for (const _ of text) count++
  return count
}

/** A string field or undefined; another type → 40058. */
export function optionalString(fields: Fields, name: string): string | undefined {
  const value = fields[name]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string') throw invalidParameter(`${name} must be a string`)
  return value
}

/** A non-empty string; `errcode` lets an endpoint use its documented "missing" code. */
export function requiredString(fields: Fields, name: string, errcode = 40058): string {
  const value = optionalString(fields, name)
  if (!value) throw new WeComError(errcode, `invalid parameter: missing ${name}`)
  return value
}

/** An integer given as a JSON number or, in query strings, as digits. */
export function optionalInteger(fields: Fields, name: string): number | undefined {
  const value = fields[name]
  if (value === undefined || value === null || value === '') return undefined
  const number = typeof value === 'string' ? Number(value) : value
  if (typeof number !== 'number' || !Number.isInteger(number)) throw invalidParameter(`${name} must be an integer`)
  return number
}

/** An integer field that must be present (40058 otherwise). */
export function requiredInteger(fields: Fields, name: string): number {
  const value = optionalInteger(fields, name)
  if (value === undefined) throw invalidParameter(`missing ${name}`)
  return value
}

/** A nested object or undefined; another type → 40058. */
export function optionalObject(fields: Fields, name: string): Fields | undefined {
  const value = fields[name]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidParameter(`${name} must be an object`)
  return value as Fields
}

/** An array field, `[]` when absent; another type → 40058. */
export function optionalArray(fields: Fields, name: string): unknown[] {
  const value = fields[name]
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) throw invalidParameter(`${name} must be an array`)
  return value
}

/** A string array of at most `max` items (over → `overMaxErrcode`, 40058 unless documented otherwise). */
export function stringList(fields: Fields, name: string, max: number, overMaxErrcode = 40058): string[] {
  const values = optionalArray(fields, name)
  if (values.length > max) throw new WeComError(overMaxErrcode, `invalid parameter: ${name} has more than ${max} items`)
  if (!values.every((value) => typeof value === 'string')) throw invalidParameter(`${name} must contain strings`)
  return values as string[]
}

/** An integer array of at most `max` items. */
export function integerList(fields: Fields, name: string, max: number): number[] {
  const values = optionalArray(fields, name)
  if (values.length > max) throw invalidParameter(`${name} has more than ${max} items`)
  if (!values.every((value) => Number.isInteger(value))) throw invalidParameter(`${name} must contain integers`)
  return values as number[]
}

/** 40058 when `text` is longer than `max` UTF-8 bytes. */
export function checkMaxBytes(text: string, max: number, name: string): void {
  if (utf8Length(text) > max) throw invalidParameter(`${name} exceeds ${max} bytes`)
}

/** 40058 when `text` is longer than `max` characters. */
export function checkMaxChars(text: string, max: number, name: string): void {
  if (charLength(text) > max) throw invalidParameter(`${name} exceeds ${max} characters`)
}

/** The time window, creator and filter_type that get_groupmsg_list_v2 and get_moment_list share. */
export function listWindow(
  fields: Fields,
  maxWindowMs: number,
  windowRule: string,
): { startMs: number; endMs: number; creator: string | undefined; filterType: number } {
  const startMs = requiredInteger(fields, 'start_time') * SECOND_MS
  const endMs = requiredInteger(fields, 'end_time') * SECOND_MS
  if (endMs < startMs || endMs - startMs > maxWindowMs)
    throw invalidParameter(`time range must be within ${windowRule}`)
  const filterType = optionalInteger(fields, 'filter_type') ?? 2
  if (filterType < 0 || filterType > 2) throw invalidParameter('filter_type must be 0, 1 or 2')
  return { startMs, endMs, creator: optionalString(fields, 'creator') || undefined, filterType }
}
