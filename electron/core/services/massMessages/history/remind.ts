import type { RemindStatus } from '../../../../../shared/massMessages'
import type { Workspace } from '../../../store/workspace'
import { WecomApiError, WecomOutcomeUnknownError, type WecomClient } from '../../../wecom'
import { remindLimitReached, remindRefused } from './errors'
import { RemindLog } from './remind-log'

/**
 * Remind members who have not sent a mass message yet, within WeCom's 3 reminds per msgid per
 * 24 h: the limit is checked locally first, so a 4th remind is refused without calling WeCom.
 * Reminds of one msgid run one at a time, so two quick clicks cannot both pass the check.
 */
export class RemindService {
  private readonly queues = new Map<string, Promise<unknown>>()

  constructor(
    private readonly deps: {
      client: () => Promise<WecomClient>
      workspace: () => Workspace
      now?: () => number
    },
  ) {}

  private get log(): RemindLog {
    return this.deps.workspace().repository(RemindLog)
  }

  private now(): number {
    return (this.deps.now ?? Date.now)()
  }

  status(msgid: string): RemindStatus {
    return this.log.status(msgid, this.now())
  }

  /** Sends one remind and answers the reminds left; `remind_limit_reached` when none is. */
  remind(msgid: string): Promise<RemindStatus> {
    const previous = this.queues.get(msgid) ?? Promise.resolve()
    const current = previous.catch(() => undefined).then(() => this.remindNow(msgid))
    this.queues.set(msgid, current)
    void current
      .catch(() => undefined)
      .then(() => {
        if (this.queues.get(msgid) === current) this.queues.delete(msgid)
      })
    return current
  }

  private async remindNow(msgid: string): Promise<RemindStatus> {
    const before = this.status(msgid)
    if (before.left === 0) throw remindLimitReached(before.nextAt ?? this.now())
    const client = await this.deps.client()
    try {
      await client.massMessages.remindGroupMsgSend(msgid)
    } catch (error) {
      // A remind that may have gone through counts, so the console never pushes WeCom past 3.
      if (error instanceof WecomOutcomeUnknownError) this.log.record(msgid, this.now())
      if (error instanceof WecomApiError) throw remindRefused(error, this.status(msgid).left)
      throw error
    }
    this.log.record(msgid, this.now())
    return this.status(msgid)
  }
}
