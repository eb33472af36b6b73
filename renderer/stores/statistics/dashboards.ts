import type {
  ContactDashboard,
  ContactMetric,
  GroupDashboard,
  GroupMetric,
  MemberComparison,
  MemberTrends,
} from '@shared/statistics'
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { api, unwrap } from '../../api'
import { plain, useStatisticsStore } from '../statistics'

/**
 * A read that only the latest request may answer: a slow answer for a range the user already left
 * never replaces the newer one on screen.
 */
function latestOnly() {
  let sequence = 0
  return async <T>(read: () => Promise<T>, apply: (value: T) => void): Promise<void> => {
    const mine = ++sequence
    const value = await read()
    if (mine === sequence) apply(value)
  }
}

/**
 * The dashboards' figures, read from the local cache through the contract for the shared range
 * and scopes: 联系客户统计, 群聊数据统计, the member comparison and one member's page.
 */
export const useStatisticsDashboardsStore = defineStore('statistics/dashboards', () => {
  const statistics = useStatisticsStore()
  const contact = shallowRef<ContactDashboard>()
  const group = shallowRef<GroupDashboard>()
  const comparison = shallowRef<MemberComparison>()
  const member = shallowRef<MemberTrends>()
  const contactSpark = ref<ContactMetric>('message_cnt')
  const groupSpark = ref<GroupMetric>('msg_total')

  const contactRead = latestOnly()
  const groupRead = latestOnly()
  const compareRead = latestOnly()
  const memberRead = latestOnly()

  async function loadContact(): Promise<void> {
    const input = {
      range: { ...statistics.range },
      scope: plain(statistics.contactScope),
      sparkMetric: contactSpark.value,
    }
    await contactRead(
      () => unwrap(api().statistics.contactDashboard(input)),
      (value) => (contact.value = value),
    )
  }

  async function loadGroup(): Promise<void> {
    const input = {
      range: { ...statistics.range },
      scope: plain(statistics.groupScope),
      sparkMetric: groupSpark.value,
    }
    await groupRead(
      () => unwrap(api().statistics.groupDashboard(input)),
      (value) => (group.value = value),
    )
  }

  /** Up to 10 members' series of one metric; an empty pick clears the chart. */
  async function loadComparison(userids: string[], metric: ContactMetric): Promise<void> {
    if (userids.length === 0) {
      await compareRead(
        () => Promise.resolve(undefined),
        (value) => (comparison.value = value),
      )
      return
    }
    const input = { userids: [...userids], metric, range: { ...statistics.range } }
    await compareRead(
      () => unwrap(api().statistics.compareMembers(input)),
      (value) => (comparison.value = value),
    )
  }

  async function loadMember(userid: string): Promise<void> {
    const input = { userid, range: { ...statistics.range } }
    await memberRead(
      () => unwrap(api().statistics.memberTrends(input)),
      (value) => (member.value = value),
    )
  }

  return {
    contact,
    group,
    comparison,
    member,
    contactSpark,
    groupSpark,
    loadContact,
    loadGroup,
    loadComparison,
    loadMember,
  }
})
