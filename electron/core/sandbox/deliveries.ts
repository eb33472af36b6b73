import { chinaDayStartMs, chinaMonth, chinaWeekStartMs, DAY_MS } from './clock'
import type { MassMessage, MassMessageTask, SandboxState } from './model'
import { deletedByCustomer, taskSendAtMs } from './progress'

/**
 * The corp's receive cap (接收上限, reference §3.7): by default each customer or customer group
 * receives at most as many mass messages per month as the month has days (corp-created and
 * member-created together); a corp admin may tighten it to 7 per week or 1 per day.
 */
export type ReceiveCapRule = 'days-in-month' | 'weekly-7' | 'daily-1'

/** A cap period [startMs, endMs) and how many mass messages a recipient may receive in it. */
export interface CapPeriod {
  startMs: number
  endMs: number
  cap: number
}

/** The cap period (China time: natural day, Monday-first week, or month) containing `ms`. */
export function receiveCapPeriod(rule: ReceiveCapRule, ms: number): CapPeriod {
  if (rule === 'daily-1') {
    const startMs = chinaDayStartMs(ms)
    return { startMs, endMs: startMs + DAY_MS, cap: 1 }
  }
  if (rule === 'weekly-7') {
    const startMs = chinaWeekStartMs(ms)
    return { startMs, endMs: startMs + 7 * DAY_MS, cap: 7 }
  }
  const month = chinaMonth(ms)
  return { startMs: month.startMs, endMs: month.startMs + month.days * DAY_MS, cap: month.days }
}

/** What decides every delivery besides the messages: the task speed and the cap rule. */
export interface DeliverySettings {
  taskSpeed: number
  receiveCap: ReceiveCapRule
}

/** One message's task that reaches a recipient; `order` is the message's place in the corp's list. */
interface Addressed {
  message: MassMessage
  task: MassMessageTask
  order: number
}

/**
 * Per-recipient outcomes once the member sends (reference §3.4, §3.7): 2 when the customer
 * deleted the member; otherwise the sends that reach a recipient in one cap period are taken in
 * the order they happen, the first `cap` deliver (1) and the rest are over the cap (3). Each
 * recipient's messages are indexed as messages are created, so a status costs a look at that
 * recipient's few messages; send times (reminds, stops) are worked out when asked.
 */
export class DeliveryLedger {
  private readonly byRecipient = new Map<string, Addressed[]>()
  private indexed = 0

  constructor(
    private readonly state: SandboxState,
    private readonly settings: DeliverySettings,
  ) {}

  /** 0 while the member has not sent (or never will), else the recipient's outcome. */
  status(message: MassMessage, task: MassMessageTask, recipient: string, nowMs: number): 0 | 1 | 2 | 3 {
    const { seed } = this.state
    const { taskSpeed, receiveCap } = this.settings
    const sentAt = taskSendAtMs(seed, message, task, taskSpeed)
    if (sentAt === undefined || sentAt > nowMs) return 0
    if (deletedByCustomer(seed, message.chatType, recipient, task.userid)) return 2
    this.indexNewMessages()
    const period = receiveCapPeriod(receiveCap, sentAt)
    const own = this.state.massMessages.indexOf(message)
    let earlier = 0
    for (const other of this.byRecipient.get(recipient) ?? []) {
      if (other.message === message) continue
      const at = taskSendAtMs(seed, other.message, other.task, taskSpeed)
      if (at === undefined || at < period.startMs || at >= period.endMs) continue
      if (at > sentAt || (at === sentAt && other.order > own)) continue
      if (!deletedByCustomer(seed, other.message.chatType, recipient, other.task.userid)) earlier++
    }
    return earlier < period.cap ? 1 : 3
  }

  /** Messages are only ever appended (seeded, then add_msg_template): index the ones not seen yet. */
  private indexNewMessages(): void {
    const messages = this.state.massMessages
    for (; this.indexed < messages.length; this.indexed++) {
      const message = messages[this.indexed]!
      for (const task of message.tasks) {
        for (const recipient of task.recipients) {
          const entry = { message, task, order: this.indexed }
          const list = this.byRecipient.get(recipient)
          if (list) list.push(entry)
          else this.byRecipient.set(recipient, [entry])
        }
      }
    }
  }
}
