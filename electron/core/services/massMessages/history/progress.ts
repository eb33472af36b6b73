import type { GroupMsgProgress } from '../../../../../shared/massMessages'
import { AppError } from '../../../errors'
import type { Workspace } from '../../../store/workspace'
import type { WecomClient } from '../../../wecom'
import { mapConcurrent } from './concurrency'
import { MessageCache } from './message-cache'
import { noteAllSent, readTasks } from './results'
import { StopLog } from './stop-log'

/** Messages whose tasks are read at the same time. */
const MESSAGES_IN_FLIGHT = 4
/** WeCom is still creating the tasks of a message it has just accepted. */
const DISPATCHING = 'mass_message_dispatching'

/**
 * Where each message stands, for the history's status column: stopped by this console, every
 * member sent (remembered, so never asked again), or members still sending, with the counts from
 * get_groupmsg_task. A message whose tasks cannot be read now (offline, unknown to WeCom) is left
 * out rather than failing the others.
 */
export async function groupMsgProgress(
  client: () => Promise<WecomClient>,
  workspace: Workspace,
  msgids: readonly string[],
): Promise<GroupMsgProgress[]> {
  const unique = [...new Set(msgids)]
  const stops = workspace.repository(StopLog).many(unique)
  const allSent = workspace.repository(MessageCache).allSent(unique)
  const known: GroupMsgProgress[] = []
  const toRead: string[] = []
  for (const msgid of unique) {
    if (allSent.has(msgid)) known.push({ msgid, status: 'sent' })
    else if (stops.has(msgid)) known.push({ msgid, status: 'stopped' })
    else toRead.push(msgid)
  }
  if (toRead.length === 0) return known
  const wecom = await client()
  const read = await mapConcurrent(toRead, MESSAGES_IN_FLIGHT, async (msgid): Promise<GroupMsgProgress | undefined> => {
    try {
      const tasks = await readTasks(wecom, msgid)
      noteAllSent(workspace, msgid, tasks)
      const sentTasks = tasks.filter((task) => task.status === 2).length
      const status = tasks.length > 0 && sentTasks === tasks.length ? 'sent' : 'sending'
      return { msgid, status, sentTasks, totalTasks: tasks.length }
    } catch (error) {
      if (error instanceof AppError && error.code === DISPATCHING) return { msgid, status: 'sending' }
      if (error instanceof AppError) return undefined
      throw error
    }
  })
  return [...known, ...read.filter((progress) => progress !== undefined)]
}
