import { z } from 'zod'
import {
  momentCustomersInputSchema,
  momentDetailInputSchema,
  momentExportInputSchema,
  momentIdSchema,
  momentRemindInputSchema,
  type MomentCancelResult,
  type MomentCustomersPage,
  type MomentDetail,
  type MomentDetailProgress,
  type MomentRemindResult,
  type MomentRemindStatus,
} from '../moments-detail'
import { call, event, shape } from './define'

/**
 * moments:* calls of the detail sub-area (mounted with the others in ./moments.ts): one moment's
 * members, viewers and interactions, and acting on them (remind, stop, export).
 */
export const momentsDetailContract = {
  /**
   * Members' publish status with the completion rate, and every like and comment with who made it
   * (customers named from the cache, colleagues from the member list). Kept in memory until `refresh`.
   * @example await api.moments.detail({ momentId, createType: 0 })
   */
  detail: call(momentDetailInputSchema, shape<MomentDetail>()),
  /** A window of one member's customers: who can see the post, who was chosen, or chosen but not seeing it. */
  memberCustomers: call(momentCustomersInputSchema, shape<MomentCustomersPage>()),
  /** Reading a moment's detail or export, step by step (only for reads of more than a few calls). */
  onDetailProgress: event(shape<MomentDetailProgress>()),
  /**
   * Reminds the members who have not posted by an app message (a text card naming the moment);
   * needs the profile's AgentId (`remind_needs_agentid` otherwise).
   */
  remindMembers: call(momentRemindInputSchema, shape<MomentRemindResult>()),
  /** When members were last reminded from this console, if ever, and whether an app message can remind them (AgentId set). */
  remindMembersStatus: call(z.object({ momentId: momentIdSchema }).strict(), shape<MomentRemindStatus>()),
  /** Stops a company moment members are still posting (cancel_moment_task); recorded in the workspace. */
  cancelMoment: call(z.object({ momentId: momentIdSchema }).strict(), shape<MomentCancelResult>()),
  /** Members, visible customers and interactions as one XLSX or CSV file. */
  exportDetail: call(momentExportInputSchema, shape<{ filename: string; dataBase64: string; contentType: string }>()),
} as const
