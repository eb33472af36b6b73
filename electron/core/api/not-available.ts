import { AppError, text } from '../errors'

/** Temporary answer of a channel whose feature has not landed; removed as each one lands. */
export function notAvailableYet(): never {
  throw new AppError('not_available', text('这个功能还在开发中。', 'This feature is not available yet.'))
}
