import { describe, expect, it } from 'vitest'
import { changedRemarkFields, remarkChecks, tagChanges } from '@/views/customers/remarkRules'
import { addTagsChecks, tagNameCheck } from '@/views/customers/tags/tagRules'

const ids = { userid: 'zhangsan', externalUserid: 'wmABC' }
const form = (over: Partial<Record<'remark' | 'description' | 'remarkCompany', string>> = {}) => ({
  ...ids,
  remark: '',
  description: '',
  remarkCompany: '',
  ...over,
})

describe('remark editor live limits (same schema as the core)', () => {
  it('counts what is left in characters and accepts text at the limit', () => {
    const checks = remarkChecks(form({ remark: '张'.repeat(20), description: 'd'.repeat(150) }), 'zh-CN')
    expect(checks.ok).toBe(true)
    expect(checks.fields.remark).toMatchObject({ used: 20, max: 20, left: 0, ok: true })
    expect(checks.fields.remark.error).toBeUndefined()
    expect(checks.fields.description.left).toBe(0)
    expect(checks.fields.remarkCompany.left).toBe(20)
  })

  it('refuses one character over, with the core’s sentence in the user’s language', () => {
    const zh = remarkChecks(form({ remark: '张'.repeat(21) }), 'zh-CN')
    expect(zh.ok).toBe(false)
    expect(zh.fields.remark.left).toBe(-1)
    expect(zh.fields.remark.error).toBe('备注最多 20 个字符。')
    const en = remarkChecks(form({ description: 'x'.repeat(151), remarkCompany: '公'.repeat(21) }), 'en')
    expect(en.fields.description.error).toBe('Description can have at most 150 characters.')
    expect(en.fields.remarkCompany.error).toBe('Remark company can have at most 20 characters.')
    expect(en.fields.remark.error).toBeUndefined()
  })

  it('counts an emoji as one character in the counter', () => {
    const checks = remarkChecks(form({ remark: '😀'.repeat(5) }), 'zh-CN')
    expect(checks.fields.remark.used).toBe(5)
    expect(checks.fields.remark.left).toBe(15)
  })

  it('agrees with the core on emoji: 20 fit, 21 do not', () => {
    expect(remarkChecks(form({ remark: '😀'.repeat(20) }), 'zh-CN').ok).toBe(true)
    const over = remarkChecks(form({ remark: '😀'.repeat(21) }), 'zh-CN')
    expect(over.ok).toBe(false)
    expect(over.fields.remark).toMatchObject({ used: 21, left: -1, error: '备注最多 20 个字符。' })
  })

  it('sends only the fields that changed, and the tag differences', () => {
    const follow = { remark: '老客户', description: '', remarkCompany: '星辰科技' }
    expect(changedRemarkFields({ remark: '老客户', description: '', remarkCompany: '星辰' }, follow)).toEqual({
      remarkCompany: '星辰',
    })
    expect(changedRemarkFields({ ...follow }, follow)).toEqual({})
    expect(tagChanges(['a', 'b'], ['b', 'c'])).toEqual({ add: ['c'], remove: ['a'] })
    expect(tagChanges(['a'], ['a'])).toEqual({ add: [], remove: [] })
  })
})

describe('tag library live checks', () => {
  it('checks a new name against 30 characters after trimming', () => {
    expect(tagNameCheck('  高意向  ', 'zh-CN')).toMatchObject({ used: 3, left: 27, ok: true })
    expect(tagNameCheck('  高意向  ', 'zh-CN').error).toBeUndefined()
    expect(tagNameCheck('标'.repeat(31), 'zh-CN')).toMatchObject({ left: -1, ok: false, error: '名称最多 30 个字符。' })
    expect(tagNameCheck('   ', 'en').error).toBe('Name is required.')
  })

  it('names the group field and each bad tag row', () => {
    const checks = addTagsChecks({ groupName: '组'.repeat(31), tagNames: ['好', '', 'x'.repeat(31)] }, 'zh-CN', 10)
    expect(checks.ok).toBe(false)
    expect(checks.groupName?.error).toBe('标签组名称最多 30 个字符。')
    expect(checks.tags[0]?.error).toBeUndefined()
    expect(checks.tags[1]?.error).toBe('请填写标签。')
    expect(checks.tags[2]?.error).toBe('标签最多 30 个字符。')
  })

  it('adds to an existing group without a group name, and stops at the corp cap', () => {
    const ok = addTagsChecks({ groupId: 'etGROUP', tagNames: ['新标签'] }, 'en', 2999)
    expect(ok).toMatchObject({ ok: true, overCap: false })
    expect(ok.groupName).toBeUndefined()
    expect(addTagsChecks({ groupId: 'etGROUP', tagNames: ['a', 'b'] }, 'en', 2999)).toMatchObject({
      ok: false,
      overCap: true,
    })
  })
})
