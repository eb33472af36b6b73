import { WECOM_LIMITS } from '../../../../../shared/limits/wecom'
import { AppError } from '../../../errors'
import type { MemberSummary } from '../../../wecom'
import { memberRanges } from './batching'
import type { PhaseScope } from './scope'

/** The directory's root department: user/simplelist from it with fetch_child=1 lists every visible member. */
const ROOT_DEPARTMENT_ID = 1

/**
 * Members with customer contact (get_follow_user_list), with names from the directory
 * (user/simplelist) fetched at the same time. Names are a nicety: an app without directory access
 * still syncs, members then show their userid. Plans the customer chains over the member list.
 */
export async function syncMembers(scope: PhaseScope): Promise<void> {
  const { client, checkpoint } = scope
  const [userids, directory] = await Promise.all([client.members.getFollowUserList(), memberDirectory(scope)])
  const byUserid = new Map(directory.map((member) => [member.userid, member]))
  const members = userids.map((userid) => ({
    userid,
    name: byUserid.get(userid)?.name ?? '',
    departments: byUserid.get(userid)?.department ?? [],
  }))
  checkpoint.done += 2
  checkpoint.counts.members = userids.length
  checkpoint.visibleMembers = Math.max(userids.length, directory.length)
  checkpoint.customerChains = memberRanges(userids.length, WECOM_LIMITS.customer.batchUserids, scope.concurrency).map(
    (range) => ({ range, cursor: '', pages: 0, done: false }),
  )
  checkpoint.completed.push('members')
  scope.writer.queue({ kind: 'members', members, userids }, checkpoint)
  scope.setMembers(userids)
  scope.progressed()
}

/** Every member the app can see, or none when the directory is out of its reach. */
async function memberDirectory(scope: PhaseScope): Promise<MemberSummary[]> {
  try {
    return await scope.client.members.listUsersSimple(ROOT_DEPARTMENT_ID, true)
  } catch (error) {
    if (!(error instanceof AppError)) throw error
    scope.log.warn('sync: member names unavailable, showing userids', { code: error.code, errcode: error.wecomErrcode })
    return []
  }
}
