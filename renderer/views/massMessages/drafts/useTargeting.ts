import type { AudiencePreview, CustomerRow, GroupRow } from '@shared/customers'
import type { ChatType } from '@shared/massMessages'
import type { ApiError } from '@shared/result'
import { useDebounceFn, watchDebounced } from '@vueuse/core'
import { computed, onMounted, reactive, ref, shallowRef, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { toApiError } from '../../../composables/useApiError'
import { useSendingStore } from '../../../stores/massMessages/sending'
import { useCustomersStore } from '../../../stores/customers'
import { useTagsStore } from '../../../stores/customers/tags'
import { useGroupsStore } from '../../../stores/customers/groups'
import { toCustomerFilter } from '../../../components/customerFilter/form'
import { parsePastedIds, type TargetingForm } from './targeting'

/** How long the audience count waits for the filter to settle. */
const AUDIENCE_DEBOUNCE_MS = 400
const SEARCH_DEBOUNCE_MS = 300
/** Rows shown in the customer and group pickers. */
export const PICKER_ROWS = 20
/** Picked ids shown by name under a picker (the rest are counted). */
export const PICKED_SHOWN = 30

/**
 * A picker's search box: `find` runs once typing pauses; a slower answer to an older search is
 * dropped. `run` searches now (on first show).
 */
export function usePickerSearch<Row>(find: (search: string) => Promise<{ rows: Row[]; total: number }>) {
  const search = ref('')
  const rows = shallowRef<Row[]>([])
  const total = ref(0)
  const searching = ref(false)
  const error = ref<ApiError>()
  let generation = 0

  async function run(): Promise<void> {
    const gen = ++generation
    searching.value = true
    try {
      const result = await find(search.value)
      if (gen !== generation) return
      rows.value = result.rows
      total.value = result.total
      error.value = undefined
    } catch (failure) {
      if (gen === generation) error.value = toApiError(failure)
    } finally {
      if (gen === generation) searching.value = false
    }
  }
  watchDebounced(search, () => void run(), { debounce: SEARCH_DEBOUNCE_MS })

  return { search, rows, total, searching, error, run }
}
export type PickerSearch<Row> = ReturnType<typeof usePickerSearch<Row>>

/**
 * The targeting panel: the options it picks from (members, tags), the live audience count, and
 * the customer and group pickers. Lookups run over the local customer cache.
 */
export function useTargeting(form: TargetingForm, chatType: Ref<ChatType>) {
  const sending = useSendingStore()
  const customers = useCustomersStore()
  const tags = useTagsStore()
  const groups = useGroupsStore()
  const { t } = useI18n()

  const optionsError = ref<ApiError>()
  const members = computed(() => customers.members)
  const memberName = (userid: string) => members.value.find((m) => m.userid === userid)?.name ?? userid

  /** Only members who own cached groups, with their counts: the "by owner" choices. */
  const groupOwners = computed(() => groups.owners)
  const ownerGroups = (userid: string) => groupOwners.value.find((o) => o.userid === userid)?.groupCount ?? 0

  async function loadOptions(): Promise<void> {
    try {
      await Promise.all([customers.loadMembers(), tags.load(), groups.loadOwners()])
      optionsError.value = undefined
    } catch (failure) {
      optionsError.value = toApiError(failure)
    }
  }

  // ── Live audience count ────────────────────────────────────────────────────────────────
  const audience = ref<AudiencePreview>()
  const counting = ref(false)
  const audienceError = ref<ApiError>()
  let audienceGeneration = 0

  async function countAudience(): Promise<void> {
    const gen = ++audienceGeneration
    audienceError.value = undefined
    if (chatType.value === 'single' && form.customerMode === 'filter') {
      counting.value = true
      try {
        const preview = await sending.audience(toCustomerFilter(form))
        if (gen === audienceGeneration) audience.value = preview
      } catch (failure) {
        if (gen === audienceGeneration) audienceError.value = toApiError(failure)
      } finally {
        if (gen === audienceGeneration) counting.value = false
      }
    } else {
      counting.value = false
    }
  }
  const recount = useDebounceFn(() => void countAudience(), AUDIENCE_DEBOUNCE_MS)
  const audienceKey = computed(() => JSON.stringify([chatType.value, form.customerMode, toCustomerFilter(form)]))
  watch(audienceKey, () => {
    counting.value = true
    void recount()
  })

  /** What the panel says about who receives it. */
  const audienceSummary = computed(() => {
    if (chatType.value === 'single') {
      if (form.customerMode === 'customers') return { kind: 'customers' as const, count: form.externalUserids.length }
      return {
        kind: 'filter' as const,
        count: audience.value?.count,
        members: audience.value?.senders.length ?? 0,
      }
    }
    if (form.groupMode === 'groups') return { kind: 'groups' as const, count: form.chatIds.length }
    // The owners' group counts come with the picker's choices: no lookup per change.
    return {
      kind: 'owner' as const,
      count: form.senders.length > 0 ? form.senders.reduce((sum, userid) => sum + ownerGroups(userid), 0) : undefined,
      owners: form.senders.length,
    }
  })

  /** The member shown as the sender in the preview. */
  const previewSender = computed(() => {
    if (chatType.value === 'group' && form.groupMode === 'groupsByOwner' && form.senders[0])
      return groupOwners.value.find((o) => o.userid === form.senders[0])?.name ?? memberName(form.senders[0])
    if (chatType.value === 'single' && form.customerMode === 'filter') return audience.value?.senders[0]?.name ?? ''
    return ''
  })

  // ── Picked customers ───────────────────────────────────────────────────────────────────
  const pasteText = ref('')
  const customerPicker = usePickerSearch((search) => sending.findCustomers(search, PICKER_ROWS))
  /** Names of customers picked from the search, for the picked list (pasted ids show as they are). */
  const customerNames = reactive(new Map<string, string>())

  const isPickedCustomer = (id: string) => form.externalUserids.includes(id)
  function addCustomer(row: CustomerRow): void {
    customerNames.set(row.externalUserid, row.name)
    if (!isPickedCustomer(row.externalUserid)) form.externalUserids.push(row.externalUserid)
  }
  function removeCustomer(id: string): void {
    form.externalUserids = form.externalUserids.filter((existing) => existing !== id)
  }
  /** Adds the pasted ids to the list; returns how many were new. */
  function addPasted(): number {
    const before = form.externalUserids.length
    form.externalUserids = [...new Set([...form.externalUserids, ...parsePastedIds(pasteText.value)])]
    pasteText.value = ''
    return form.externalUserids.length - before
  }
  const customerLabel = (id: string) => customerNames.get(id) || id

  // ── Picked groups ──────────────────────────────────────────────────────────────────────
  const groupNames = reactive(new Map<string, string>())
  const groupPicker = usePickerSearch(async (search) => {
    const result = await sending.findGroups({ search, limit: PICKER_ROWS })
    for (const row of result.rows) groupNames.set(row.chatId, row.name)
    return result
  })

  const isPickedGroup = (chatId: string) => form.chatIds.includes(chatId)
  function toggleGroup(row: GroupRow, picked: boolean): void {
    groupNames.set(row.chatId, row.name)
    if (picked && !isPickedGroup(row.chatId)) form.chatIds.push(row.chatId)
    if (!picked) form.chatIds = form.chatIds.filter((id) => id !== row.chatId)
  }
  const groupLabel = (chatId: string) => {
    const name = groupNames.get(chatId) ?? groups.names.get(chatId)
    if (name === undefined) return chatId
    return name || t('massMessages.composer.targeting.unnamedGroup')
  }

  // ── Names of what a draft picked before (a reload, a draft opened later, a list from another page) ──
  /** Looks up, once each, the picked ids whose names this page has not seen: groups by id, customers by id. */
  const askedNames = new Set<string>()
  async function lookUpNames(): Promise<void> {
    const chatIds = form.chatIds
      .slice(0, PICKED_SHOWN)
      .filter((id) => !groupNames.has(id) && !groups.names.has(id) && !askedNames.has(id))
    const customerIds = form.externalUserids
      .slice(0, PICKED_SHOWN)
      .filter((id) => !customerNames.has(id) && !askedNames.has(id))
    for (const id of [...chatIds, ...customerIds]) askedNames.add(id)
    try {
      const [found, named] = await Promise.all([
        chatIds.length ? sending.groupsByIds(chatIds) : [],
        customerIds.length ? sending.customerNames(customerIds) : [],
      ])
      for (const row of found) groupNames.set(row.chatId, row.name)
      for (const row of named) customerNames.set(row.externalUserid, row.name)
    } catch {
      // Names are a nicety: the ids stay shown, and a later change asks again.
      for (const id of [...chatIds, ...customerIds]) askedNames.delete(id)
    }
  }
  watch(
    () => [...form.chatIds.slice(0, PICKED_SHOWN), ...form.externalUserids.slice(0, PICKED_SHOWN)].join(),
    () => void lookUpNames(),
  )

  // Start the lookups the visible mode needs.
  watch(
    () => [chatType.value, form.customerMode, form.groupMode] as const,
    ([type, customerMode, groupMode]) => {
      if (type === 'single' && customerMode === 'customers' && customerPicker.rows.value.length === 0)
        void customerPicker.run()
      if (type === 'group' && groupMode === 'groups' && groupPicker.rows.value.length === 0) void groupPicker.run()
    },
  )

  onMounted(() => {
    void loadOptions()
    void lookUpNames()
    void countAudience()
    if (chatType.value === 'single' && form.customerMode === 'customers') void customerPicker.run()
    if (chatType.value === 'group' && form.groupMode === 'groups') void groupPicker.run()
  })

  return {
    form,
    optionsError,
    members,
    memberName,
    groupOwners,
    loadOptions,
    audience,
    counting,
    audienceError,
    audienceSummary,
    previewSender,
    pasteText,
    customerPicker,
    isPickedCustomer,
    addCustomer,
    removeCustomer,
    addPasted,
    customerLabel,
    groupPicker,
    isPickedGroup,
    toggleGroup,
    groupLabel,
  }
}
