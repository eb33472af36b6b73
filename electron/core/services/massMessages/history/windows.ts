import { WECOM_LIMITS } from '../../../../../shared/limits/wecom'

const DAY_SECONDS = 24 * 60 * 60

/**
 * The longest window one get_groupmsg_list_v2 call is given. WeCom says "one month"; 30 days is
 * within that for every month, so no window is ever refused.
 */
const LIST_WINDOW_DAYS = WECOM_LIMITS.massMessage.listWindowDays

/** One get_groupmsg_list_v2 time window, Unix seconds, both ends included. */
export interface ListWindow {
  startTime: number
  endTime: number
}

/**
 * Splits `[fromMs, toMs]` into consecutive windows of at most `maxDays`, oldest first. Neighbours
 * share their boundary second, so a message created within that second (WeCom keeps milliseconds
 * internally) is found by one of them; callers de-duplicate by msgid.
 */
export function listWindows(fromMs: number, toMs: number, maxDays: number = LIST_WINDOW_DAYS): ListWindow[] {
  const start = Math.floor(fromMs / 1000)
  const end = Math.max(start, Math.floor(toMs / 1000))
  const span = maxDays * DAY_SECONDS
  const windows: ListWindow[] = []
  for (let startTime = start; ; startTime += span) {
    const endTime = Math.min(startTime + span, end)
    windows.push({ startTime, endTime })
    if (endTime >= end) return windows
  }
}
