import { AppError, text } from '../errors'

const PROFILE_ID = /^[A-Za-z0-9_-]{1,64}$/

/**
 * Profile ids become file names and vault keys, so only `[A-Za-z0-9_-]{1,64}` is accepted: no path
 * separators, dots or empty names that could reach outside the data folder.
 */
export function assertProfileId(profileId: string): void {
  if (PROFILE_ID.test(profileId)) return
  throw new AppError(
    'invalid_profile_id',
    text(
      '连接配置的标识无效：只能使用 1–64 个英文字母、数字、下划线或连字符。',
      'The connection profile id is invalid: use 1–64 letters, digits, underscores or hyphens only.',
    ),
    {
      hint: text('请重新选择或重新创建该连接配置。', 'Select the connection profile again, or create it again.'),
    },
  )
}
