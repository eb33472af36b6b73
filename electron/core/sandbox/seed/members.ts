import type { Department, Member } from '../model'
import type { SeededRandom } from '../random'
import { DEPARTMENT_TREE, GIVEN_NAME_CHARS, SURNAMES } from './vocabulary'

/** The fixed department tree of the demo corp. */
export function seedDepartments(): Department[] {
  return DEPARTMENT_TREE.map(([id, parentId, name, nameEn], index) => ({
    id,
    name,
    nameEn,
    parentId,
    order: 100_000_000 - index * 1000,
  }))
}

/** A Chinese full name and its pinyin, e.g. ['张伟', 'zhangwei']. */
export function personName(random: SeededRandom): [string, string] {
  const [surname, surnamePinyin] = random.pickSkewed(SURNAMES)
  let name = surname
  let pinyin = surnamePinyin
  const givenLength = random.chance(0.35) ? 1 : 2
  for (let i = 0; i < givenLength; i++) {
    const [char, charPinyin] = random.pickSkewed(GIVEN_NAME_CHARS)
    name += char
    pinyin += charPinyin
  }
  return [name, pinyin]
}

/**
 * Members spread over the leaf departments by weight. Userids are the pinyin of the name,
 * with a number appended on collision (`lina`, `lina2`), as corps usually do.
 */
export function seedMembers(random: SeededRandom, count: number): Member[] {
  const departments = DEPARTMENT_TREE.filter((entry) => entry[5] > 0)
  const weights = departments.map((entry) => entry[5])
  const taken = new Map<string, number>()
  const members: Member[] = []
  for (let i = 0; i < count; i++) {
    const [name, pinyin] = personName(random)
    const [departmentId, , , , positions] = random.pickWeighted(departments, weights)
    members.push({
      userid: uniqueUserid(pinyin, taken),
      name,
      departmentIds: [departmentId],
      position: random.pick(positions),
      gender: random.chance(0.5) ? 1 : 2,
    })
  }
  return members
}

function uniqueUserid(pinyin: string, taken: Map<string, number>): string {
  const seen = taken.get(pinyin) ?? 0
  taken.set(pinyin, seen + 1)
  if (seen === 0) return pinyin
  let suffix = seen + 1
  while (taken.has(`${pinyin}${suffix}`)) suffix++
  taken.set(`${pinyin}${suffix}`, 1)
  return `${pinyin}${suffix}`
}
