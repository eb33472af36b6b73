import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import type { CustomerFilter, SavedAudience } from '@shared/customers'
import type { Result } from '@shared/result'
import ElementPlus from 'element-plus'
import { createPinia } from 'pinia'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, reactive, ref } from 'vue'
import { connectApi } from '@/api'
import { applyLocale, i18n } from '@/i18n'
import TargetingPanel from '@/views/massMessages/drafts/TargetingPanel.vue'
import { fromTargeting, toTargeting } from '@/views/massMessages/drafts/targeting'
import { useTargeting } from '@/views/massMessages/drafts/useTargeting'
import { fakeApi } from '../../renderer/fake-api'

const ok = <T>(data: T): Promise<Result<T>> => Promise.resolve({ ok: true, data })

const VIP: SavedAudience = {
  id: 'a1',
  name: '上海老客户',
  filter: { members: ['lisi'], tags: { mode: 'and', ids: ['t1', 't2'] }, genders: [2] },
  createdAt: 1,
  updatedAt: 1,
}

function core() {
  const saved: SavedAudience[] = [VIP]
  const saveAudience = vi.fn(({ name, filter }: { name: string; filter: CustomerFilter }) => {
    const audience = { id: `a${saved.length + 1}`, name: name.trim(), filter, createdAt: 2, updatedAt: 2 }
    saved.push(audience)
    return ok(audience)
  })
  const api = fakeApi({
    customers: {
      members: () => ok([{ userid: 'lisi', name: '李四', customerCount: 40 }]),
      groupOwners: () => ok([]),
      listTags: () => ok([]),
      previewAudience: () => ok({ count: 7, senders: [{ userid: 'lisi', name: '李四', count: 7 }] }),
      listAudiences: () => ok([...saved]),
      saveAudience,
    },
  })
  return { api, saveAudience }
}

let wrapper: VueWrapper | undefined
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  document.body.innerHTML = ''
  delete window.api
  applyLocale('zh-CN')
})

async function openPanel(stored: Record<string, unknown>) {
  const fake = core()
  window.api = fake.api
  await connectApi()
  const form = reactive(fromTargeting(stored))
  const Host = defineComponent({
    setup() {
      const state = useTargeting(form, ref('single'))
      return () => h(TargetingPanel, { chatType: 'single', state })
    },
  })
  wrapper = mount(Host, { global: { plugins: [createPinia(), i18n, ElementPlus] }, attachTo: document.body })
  await flushPromises()
  return { form, w: wrapper, ...fake }
}

describe('saved audiences in the composer’s targeting panel', () => {
  it('uses a saved audience: its filter becomes the targeting', async () => {
    const { form, w } = await openPanel({ mode: 'filter', filter: {} })
    await w.get('[data-testid="audience-use"] .el-select__wrapper').trigger('click')
    await flushPromises()
    const options = [...document.querySelectorAll<HTMLElement>('[data-testid="audience-option"]')]
    expect(options.map((o) => o.textContent?.trim())).toEqual(['上海老客户'])
    options[0]!.click()
    await flushPromises()
    expect(toTargeting('single', form)).toEqual({ mode: 'filter', filter: VIP.filter })
    // The select names the audience the targeting now holds.
    expect(w.get('[data-testid="audience-use"]').text()).toContain('上海老客户')
  })

  it('saves the targeting’s filter under a name, and says when the name is taken', async () => {
    const { w, saveAudience } = await openPanel({ mode: 'filter', filter: { genders: [1], excludeTags: ['t9'] } })
    await w.get('[data-testid="audience-save"]').trigger('click')
    await flushPromises()
    const name = document.querySelector<HTMLInputElement>('input[data-testid="audience-name"]')!
    const submit = () => document.querySelector<HTMLButtonElement>('[data-testid="audience-save-submit"]')!

    name.value = '上海老客户'
    name.dispatchEvent(new Event('input'))
    await flushPromises()
    expect(document.querySelector('[data-testid="audience-save-dialog"]')?.textContent).toContain(
      '已经有叫「上海老客户」的受众了，请换一个名称。',
    )
    expect(submit().disabled).toBe(true)

    name.value = '男性，不含 t9'
    name.dispatchEvent(new Event('input'))
    await flushPromises()
    expect(submit().disabled).toBe(false)
    submit().click()
    await flushPromises()
    expect(saveAudience).toHaveBeenCalledWith({ name: '男性，不含 t9', filter: { genders: [1], excludeTags: ['t9'] } })
  })

  it('speaks English', async () => {
    applyLocale('en')
    const { w } = await openPanel({ mode: 'filter', filter: {} })
    expect(w.get('[data-testid="audience-save"]').text()).toBe('Save this audience')
    expect(w.get('[data-testid="audience-use"]').text()).toContain('Use a saved audience')
  })
})
