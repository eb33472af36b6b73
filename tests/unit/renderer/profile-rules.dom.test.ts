import { describe, expect, it } from 'vitest'
import { profileFieldErrors } from '@/views/settings/profileRules'

const valid = {
  name: '总部',
  corpid: 'ww0123456789abcdef',
  secret: 'abcDEF_123-x',
  agentid: '',
  baseUrl: 'https://qyapi.weixin.qq.com',
}

describe('profile form live validation (same schema as the core)', () => {
  it('finds no error in a valid form', () => {
    expect(profileFieldErrors(valid, 'zh-CN', false)).toEqual({})
  })

  it('names each bad field in the chosen language', () => {
    const errors = profileFieldErrors(
      { ...valid, name: '', baseUrl: 'http://example.com', agentid: '12a' },
      'zh-CN',
      false,
    )
    expect(errors['name']).toBe('请填写名称。')
    expect(errors['baseUrl']).toContain('必须以 https:// 开头')
    expect(errors['agentid']).toBe('AgentId 只能是数字。')
    const en = profileFieldErrors({ ...valid, name: 'x'.repeat(31) }, 'en', false)
    expect(en['name']).toBe('Name can have at most 30 characters.')
  })

  it('lets an edit keep the stored secret when the field is left empty', () => {
    expect(profileFieldErrors({ ...valid, secret: '' }, 'en', true)).toEqual({})
    expect(profileFieldErrors({ ...valid, secret: '' }, 'en', false)['secret']).toBe('Secret is required.')
  })
})
