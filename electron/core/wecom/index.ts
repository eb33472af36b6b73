/** The WeCom API client: plain Node, no Electron. Import from here, not from the inner files. */
export { createWecomClient, DEFAULT_WECOM_LIMITS, DEFAULT_WECOM_RETRY } from './client'
export type { WecomClient, WecomClientOptions } from './client'
export type * from './types'
export { WecomTokenCache, defaultTokenCache } from './token-cache'
export { WecomRateLimiter, defaultRateLimiter } from './rate-limiter'
export { describeWecomErrcode, KNOWN_WECOM_ERRCODES } from './errcodes'
export type { WecomErrcodeDescription } from './errcodes'
export {
  WecomApiError,
  WecomCredentialsError,
  WecomMediaError,
  WecomNetworkError,
  WecomOutcomeUnknownError,
  WecomPaginationError,
  WecomRateLimitedError,
} from './errors'
export type { WecomTransportFailure, WecomUncertainFailure } from './errors'
export { WECOM_ENDPOINTS } from './endpoints'
export type { EndpointKind, EndpointSpec } from './endpoints'
export type { Paginated } from './pagination'
export type { DownloadedFile } from './http-attempt'
export type { AttachmentMediaType, AttachmentPurpose, MediaFile, TempMediaType } from './media-rules'
export type * from './api/content'
export type * from './api/customers'
export type * from './api/groups'
export type * from './api/mass-messages'
export type * from './api/media'
export type * from './api/members'
export type * from './api/messages'
export type * from './api/moments'
export type * from './api/statistics'
export type * from './api/tags'
export type * from './api/welcome-templates'
