import type { ProfileInput, ProfileSummary } from '@shared/profiles'
import { DEFAULT_WECOM_BASE_URL } from '@shared/profiles'
import { computed, reactive, ref } from 'vue'
import { useAppStore } from '../../stores/app'
import { useProfilesStore } from '../../stores/profiles'
import { useAsyncAction } from '../../composables/useAsyncAction'
import { profileFieldErrors } from './profileRules'

/** State and actions of the add/edit profile dialog. Nothing typed is lost on a failed save. */
export function useProfileForm() {
  const app = useAppStore()
  const store = useProfilesStore()
  const visible = ref(false)
  const { running: saving, error: saveError, run } = useAsyncAction()
  const editingId = ref<string>()
  const touched = reactive<Record<string, boolean>>({})
  const form = reactive<Required<Omit<ProfileInput, 'id'>>>({
    name: '',
    corpid: '',
    secret: '',
    agentid: '',
    baseUrl: DEFAULT_WECOM_BASE_URL,
  })

  const fieldErrors = computed(() => profileFieldErrors(form, app.locale, Boolean(editingId.value)))
  const visibleError = (field: string) => (touched[field] ? fieldErrors.value[field] : undefined)

  function open(profile?: ProfileSummary): void {
    editingId.value = profile?.id
    Object.assign(form, {
      name: profile?.name ?? '',
      corpid: profile?.corpid ?? '',
      secret: '',
      agentid: profile?.agentid ?? '',
      baseUrl: profile?.baseUrl ?? DEFAULT_WECOM_BASE_URL,
    })
    for (const key of Object.keys(touched)) delete touched[key]
    saveError.value = undefined
    visible.value = true
  }

  /** Sends the form to the core, which validates authoritatively; its verdict is shown in the dialog. */
  async function save(): Promise<ProfileSummary | undefined> {
    for (const key of Object.keys(form)) touched[key] = true
    return run(async () => {
      const input: ProfileInput = { ...form }
      if (editingId.value) input.id = editingId.value
      if (!input.secret) delete input.secret
      if (!input.agentid) delete input.agentid
      const saved = await store.save(input)
      visible.value = false
      return saved
    })
  }

  return { visible, saving, editingId, form, touched, saveError, visibleError, open, save }
}
