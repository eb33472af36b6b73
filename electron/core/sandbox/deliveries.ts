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

/** What decides every delivery: the corp's messages, the task speed and the cap rule. */
export interface DeliverySettings {
  taskSpeed: number
  receiveCap: ReceiveCapRule
}

interface Delivery {
  atMs: number
  order: number
  message: MassMessage
  recipient: string
}

/**
 * Per-recipient outcomes of every mass message once its member sends, in the order the sends
 * happen: 2 when the customer deleted the member, 3 when the recipient already received the cap
 * in the period of that send (reference §3.4, §3.7), else 1. Outcomes derive from the corp's
 * messages alone, so they are computed once and again only after a message is created, stopped
 * or reminded (which moves send times).
 */
export class DeliveryLedger {
  private signature = ''
  private outcomes = new WeakMap<MassMessage, Map<string, 1 | 2 | 3>>()

  constructor(
    private readonly state: SandboxState,
    private readonly settings: DeliverySettings,
  ) {}

  /** 0 while the member has not sent (or never will), else the recipient's outcome. */
  status(message: MassMessage, task: MassMessageTask, recipient: string, nowMs: number): 0 | 1 | 2 | 3 {
    const sentAt = taskSendAtMs(this.state.seed, message, task, this.settings.taskSpeed)
    if (sentAt === undefined || sentAt > nowMs) return 0
    return this.current().get(message)?.get(recipient) ?? 1
  }

  private current(): WeakMap<MassMessage, Map<string, 1 | 2 | 3>> {
    const signature = this.state.massMessages
      .map((message) => `${message.msgid}:${message.cancelledAtMs ?? ''}:${message.reminderTimesMs.length}`)
      .join('|')
    if (signature !== this.signature) {
      this.outcomes = this.build()
      this.signature = signature
    }
    return this.outcomes
  }

  private build(): WeakMap<MassMessage, Map<string, 1 | 2 | 3>> {
    const { seed } = this.state
    const outcomes = new WeakMap<MassMessage, Map<string, 1 | 2 | 3>>()
    const deliveries: Delivery[] = []
    this.state.massMessages.forEach((message, order) => {
      const perRecipient = new Map<string, 1 | 2 | 3>()
      outcomes.set(message, perRecipient)
      for (const task of message.tasks) {
        const atMs = taskSendAtMs(seed, message, task, this.settings.taskSpeed)
        if (atMs === undefined) continue
        for (const recipient of task.recipients) {
          if (deletedByCustomer(seed, message.chatType, recipient, task.userid)) perRecipient.set(recipient, 2)
          else deliveries.push({ atMs, order, message, recipient })
        }
      }
    })
    deliveries.sort((a, b) => a.atMs - b.atMs || a.order - b.order)
    const received = new Map<string, number>()
    let period: CapPeriod = { startMs: -Infinity, endMs: -Infinity, cap: 0 }
    for (const delivery of deliveries) {
      if (delivery.atMs >= period.endMs) {
        period = receiveCapPeriod(this.settings.receiveCap, delivery.atMs)
        received.clear()
      }
      // Customers and groups are counted apart: an id is one or the other.
      const count = received.get(delivery.recipient) ?? 0
      if (count >= period.cap) {
        outcomes.get(delivery.message)!.set(delivery.recipient, 3)
      } else {
        received.set(delivery.recipient, count + 1)
      }
    }
    return outcomes
  }
}
