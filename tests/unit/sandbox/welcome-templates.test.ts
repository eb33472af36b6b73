import { describe, expect, it } from 'vitest'
import { cjkText, smallSandbox, TestApi } from './helpers'

const PATH = 'externalcontact/group_welcome_template'

describe('group welcome templates', () => {
  it('adds, gets, edits and deletes a template', async () => {
    const api = new TestApi(await smallSandbox())
    const added = await api.post(`${PATH}/add`, {
      text: { content: '欢迎 %NICKNAME%' },
      link: { title: '指南', url: 'https://example.com' },
    })
    expect(added.errcode).toBe(0)
    const got = await api.post(`${PATH}/get`, { template_id: added.template_id })
    expect(got).toMatchObject({
      text: { content: '欢迎 %NICKNAME%' },
      link: { title: '指南', url: 'https://example.com' },
    })
    expect(
      (await api.post(`${PATH}/edit`, { template_id: added.template_id, text: { content: '新欢迎语' } })).errcode,
    ).toBe(0)
    expect((await api.post(`${PATH}/get`, { template_id: added.template_id })).text).toEqual({ content: '新欢迎语' })
    expect((await api.post(`${PATH}/del`, { template_id: added.template_id })).errcode).toBe(0)
    expect((await api.post(`${PATH}/get`, { template_id: added.template_id })).errcode).toBe(40058)
  })

  it('limits text to 3,000 bytes, refuses empty templates and keeps one non-text part', async () => {
    const api = new TestApi(await smallSandbox())
    expect((await api.post(`${PATH}/add`, { text: { content: cjkText(1000) } })).errcode).toBe(0)
    expect((await api.post(`${PATH}/add`, { text: { content: cjkText(1000, 1) } })).errcode).toBe(40058)
    expect((await api.post(`${PATH}/add`, {})).errcode).toBe(40058)
    const image = await api.upload('media/upload', { type: 'image' }, 'a.png', new Uint8Array(32))
    const both = await api.post(`${PATH}/add`, {
      image: { media_id: image.media_id },
      link: { title: 't', url: 'https://x' },
    })
    const got = await api.post(`${PATH}/get`, { template_id: both.template_id })
    // image wins over link (the documented priority); WeCom keeps it as a permanent image: get answers pic_url, never a media_id.
    expect(got.image).toEqual({ pic_url: expect.stringContaining('/sandbox/images/') })
    expect(got.link).toBeUndefined()
  })

  it('refuses to edit or delete admin-created templates (41058)', async () => {
    const api = new TestApi(await smallSandbox())
    const adminTemplate = api.sandbox.state.welcomeTemplates.find((template) => !template.createdByApi)!
    expect(
      (await api.post(`${PATH}/edit`, { template_id: adminTemplate.templateId, text: { content: 'x' } })).errcode,
    ).toBe(41058)
    expect((await api.post(`${PATH}/del`, { template_id: adminTemplate.templateId })).errcode).toBe(41058)
    expect((await api.post(`${PATH}/get`, { template_id: adminTemplate.templateId })).errcode).toBe(0)
  })

  it('caps the corp at 100 templates (41055)', async () => {
    const api = new TestApi(await smallSandbox())
    const room = 100 - api.sandbox.state.welcomeTemplates.length
    for (let i = 0; i < room; i++)
      expect((await api.post(`${PATH}/add`, { text: { content: `欢迎 ${i}` } })).errcode).toBe(0)
    expect((await api.post(`${PATH}/add`, { text: { content: '第 101 个' } })).errcode).toBe(41055)
  })
})
