import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import { contract } from '../../shared/contract'
import { listChannels } from '../../shared/contract/define'
import type { Result } from '../../shared/result'
import { AppError, text } from '../core/errors'
import type { Core } from '../core'
import { isAppUrl } from '../core/security'

const FORBIDDEN = new AppError(
  'forbidden_sender',
  text('这个请求不是来自控制台本身，已被拒绝。', 'This request did not come from the console itself and was refused.'),
)

/** True only for the app's own page, in its main frame (never an iframe or a foreign page). */
function isTrustedSender(event: IpcMainInvokeEvent, devServerUrl: string | undefined): boolean {
  const frame = event.senderFrame
  if (!frame) return false
  if (frame !== event.sender.mainFrame || frame.parent !== null) return false
  return isAppUrl(frame.url, devServerUrl)
}

/**
 * Binds every call channel of the contract to ipcMain through one path: sender check, then the
 * core's dispatcher (input validation, service, error mapping). Events go to the app's window.
 */
export function bindContract(
  ipcMain: Pick<IpcMain, 'handle'>,
  core: Pick<Core, 'invoke' | 'events' | 'locale'>,
  options: { devServerUrl?: string; targets: () => WebContents[] },
): () => void {
  for (const { channel, def } of listChannels(contract)) {
    if (def.kind !== 'call') continue
    ipcMain.handle(channel, async (event, input: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event, options.devServerUrl)) {
        return { ok: false, error: FORBIDDEN.toApiError(core.locale()) }
      }
      return core.invoke(channel, input)
    })
  }
  return core.events.subscribe((channel, payload) => {
    for (const contents of options.targets()) {
      if (!contents.isDestroyed()) contents.send(channel, payload)
    }
  })
}
