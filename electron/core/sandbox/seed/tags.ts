import { DAY_MS, toUnixSeconds } from '../clock'
import type { CorpTagGroup } from '../model'
import type { SeededRandom } from '../random'
import { TAG_GROUPS } from './vocabulary'

/** The corp tag library: ~9 groups, ~50 tags, created a year or two before the seed day. */
export function seedTagGroups(random: SeededRandom, seededDayMs: number): CorpTagGroup[] {
  return TAG_GROUPS.map(([groupName, tagNames, createdByApi], groupIndex) => {
    const createTime = toUnixSeconds(seededDayMs - random.int(400, 760) * DAY_MS)
    return {
      groupId: `et${random.token(20)}`,
      groupName,
      createTime,
      order: groupIndex,
      createdByApi,
      tags: tagNames.map((name, tagIndex) => ({
        id: `et${random.token(20)}`,
        name,
        createTime,
        order: tagIndex,
      })),
    }
  })
}
