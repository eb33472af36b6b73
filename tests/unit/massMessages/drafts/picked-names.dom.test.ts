import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import type { GroupRow } from '@shared/customers'
import type { Result } from '@shared/result'
import ElementPlus from 'element-plus'
import { createPinia } from 'pinia'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, reactive, ref } from 'vue'
import { connectApi } from '@/api'
import { applyLocale, i18n } from '@/i18n'
import TargetingPanel from '@/views/massMessages/drafts/TargetingPanel.vue'
import { fromTargeting } from '@/views/massMessages/drafts/targeting'
import { useTargeting } from '@/views/massMessages/drafts/useTargeting'
import { fakeApi } from '../../renderer/fake-api'

const ok = <T>(data: T): Promise<Result<T>> => Promise.resolve({ ok: true, data })
const group = (chatId: string, name: string): GroupRow => ({
  chatId,
  name,
  owner: 'lisi',
  ownerName: '李四',
  memberCount: 12,
  createTime: 0,
  status: 0,
})

let wrapper: VueWrapper | undefined
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  document.body.innerHTML = ''
  delete window.api
  applyLocale('zh-CN')
})

/** The composer's targeting panel over a draft stored with these picks, the picker's search finding nothing. */
async function openPanel(chatType: 'single' | 'group', stored: Record<string, unknown>) {
  const groupsByIds = vi.fn(({ chatIds }: { chatIds: string[] }) =>
    ok([group('wrA', '华东会员群'), group('wrB', '')].filter((row) => chatIds.includes(row.chatId))),
  )
  const customerNames = vi.fn(({ externalUserids }: { externalUserids: string[] }) =>
    ok([{ externalUserid: 'wmA', name: '王小明' }].filter((row) => externalUserids.includes(row.externalUserid))),
  )
  window.api = fakeApi({
    customers: {
      members: () => ok([]),
      groupOwners: () => ok([]),
      listTags: () => ok([]),
      queryGroups: () => ok({ total: 0, rows: [] }),
      query: () => ok({ total: 0, rows: [] }),
      groupsByIds,
      customerNames,
    },
  })
  await connectApi()
  const form = reactive(fromTargeting(stored))
  const Host = defineComponent({
    setup() {
      const state = useTargeting(form, ref(chatType))
      return () => h(TargetingPanel, { chatType, state })
    },
  })
  wrapper = mount(Host, { global: { plugins: [createPinia(), i18n, ElementPlus] }, attachTo: document.body })
  await flushPromises()
  return { form, w: wrapper, groupsByIds, customerNames }
}

const tags = (w: VueWrapper) => w.findAll('.picked__list .el-tag').map((tag) => tag.text())

describe('a reopened draft names what it picked', () => {
  it('shows picked groups by name (an unnamed one as such), an id only for a group not in the local data', async () => {
    const { w, groupsByIds } = await openPanel('group', { mode: 'groups', chatIds: ['wrA', 'wrB', 'wrGone'] })
    expect(groupsByIds).toHaveBeenCalledWith({ chatIds: ['wrA', 'wrB', 'wrGone'] })
    expect(tags(w)).toEqual(['华东会员群', '未命名群聊', 'wrGone'])
  })

  it('shows picked customers by name', async () => {
    applyLocale('en')
    const { w, form, customerNames } = await openPanel('single', {
      mode: 'customers',
      externalUserids: ['wmA', 'wmUnknown'],
    })
    expect(tags(w)).toEqual(['王小明', 'wmUnknown'])
    // A name asked once is not asked again when the pick changes.
    form.externalUserids = ['wmA']
    await flushPromises()
    expect(customerNames).toHaveBeenCalledTimes(1)
  })
})
