import type { CustomerRow, GroupRow } from '@shared/customers'
import type { ChatType } from '@shared/massMessages'
import { ElMessage } from 'element-plus'
import { computed, ref, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { api, unwrap } from '../../../api'
import { useAsyncAction } from '../../../composables/useAsyncAction'
import { useCustomersStore } from '../../../stores/customers'
import { useGroupsStore } from '../../../stores/customers/groups'
import { useSendingStore } from '../../../stores/massMessages/sending'
import { PICKER_ROWS, usePickerSearch } from '../drafts/useTargeting'

/**
 * "Send a test first" in the send dialog: the member who sends it, then one customer of that member
 * (a customer draft) or one group that member owns (a group draft), then one test send. The draft
 * stays unsent; the test is journaled like any send and shown as a test.
 */
export function useTestSend(draftId: Ref<string | undefined>, chatType: Ref<ChatType | undefined>) {
  const { t } = useI18n()
  const sending = useSendingStore()
  const customers = useCustomersStore()
  const groups = useGroupsStore()

  const open = ref(false)
  const sender = ref('')
  /** The one customer or group picked: its id and name. */
  const picked = ref<{ id: string; name: string }>()
  const { running: submitting, error, run } = useAsyncAction()

  /** Customer drafts: members with customers; group drafts: members who own groups. */
  const members = computed(() =>
    chatType.value === 'group'
      ? groups.owners.map((owner) => ({ userid: owner.userid, name: owner.name }))
      : customers.members.map((member) => ({ userid: member.userid, name: member.name })),
  )

  const customerPicker = usePickerSearch<CustomerRow>(async (search) =>
    sender.value
      ? unwrap(
          api().customers.query({
            filter: { members: [sender.value], ...(search.trim() ? { search: search.trim() } : {}) },
            sort: { field: 'name', order: 'asc' },
            offset: 0,
            limit: PICKER_ROWS,
          }),
        )
      : { rows: [], total: 0 },
  )
  const groupPicker = usePickerSearch<GroupRow>(async (search) =>
    sender.value ? sending.findGroups({ search, owners: [sender.value], limit: PICKER_ROWS }) : { rows: [], total: 0 },
  )
  async function show(): Promise<void> {
    open.value = !open.value
    if (!open.value) return
    error.value = undefined
    await (chatType.value === 'group' ? groups.loadOwners() : customers.loadMembers()).catch(() => undefined)
  }

  watch(sender, () => {
    picked.value = undefined
    if (chatType.value === 'group') void groupPicker.run()
    else void customerPicker.run()
  })

  function pick(id: string, name: string): void {
    picked.value = { id, name }
  }

  const canSubmit = computed(() => Boolean(draftId.value && sender.value && picked.value) && !submitting.value)

  async function submit(): Promise<void> {
    const id = draftId.value
    if (!id || !canSubmit.value || !picked.value) return
    const recipient = chatType.value === 'group' ? { chatId: picked.value.id } : { externalUserid: picked.value.id }
    await run(async () => {
      await sending.sendTest({ draftId: id, sender: sender.value, ...recipient })
      ElMessage.success({ message: t('massMessages.send.test.sent'), duration: 6000 })
    })
  }

  function reset(): void {
    open.value = false
    sender.value = ''
    picked.value = undefined
    error.value = undefined
  }

  return {
    open,
    sender,
    picked,
    members,
    customerPicker,
    groupPicker,
    submitting,
    error,
    canSubmit,
    show,
    pick,
    submit,
    reset,
    /** The picker's chip text; the one pick is named by `picked` (the dialog shows no chips). */
    label: (id: string) => (picked.value?.id === id ? picked.value.name : id),
  }
}
