import type { ConnectionTestResult, ProfileInput, ProfileSummary } from '@shared/profiles'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { api, unwrap } from '../api'

/** Connection profiles as the renderer may see them: never a secret, only whether one is set. */
export const useProfilesStore = defineStore('profiles', () => {
  const profiles = ref<ProfileSummary[]>([])
  let subscribed = false

  async function load(): Promise<void> {
    profiles.value = await unwrap(api().profiles.list())
    if (!subscribed) {
      subscribed = true
      api().profiles.onChanged((next) => {
        profiles.value = next
      })
    }
  }

  const save = (input: ProfileInput): Promise<ProfileSummary> => unwrap(api().profiles.save(input))
  const remove = (id: string) => unwrap(api().profiles.remove({ id }))
  const activate = (id: string) => unwrap(api().profiles.activate({ id }))
  const test = (id: string): Promise<ConnectionTestResult> => unwrap(api().profiles.testConnection({ id }))

  return { profiles, load, save, remove, activate, test }
})
