import type { WelcomeSyncState } from '@shared/welcomeTemplates'

/** The tag colour of a sync state: pushed is done, the ones asking for attention warn, a failure is red. */
export function stateType(state: WelcomeSyncState): 'success' | 'warning' | 'danger' | 'info' | 'primary' {
  switch (state) {
    case 'pushed':
      return 'success'
    case 'changed':
    case 'maybe_created':
    case 'gone':
      return 'warning'
    case 'failed':
      return 'danger'
    case 'pushing':
      return 'primary'
    default:
      return 'info'
  }
}
