import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import { contract } from '../../shared/contract'
import { listChannels } from '../../shared/contract/define'
import { DEFAULT_LOCALE, type Locale, type Result } from '../../shared/result'
import { AppError, INTERNAL_ERROR, text } from '../core/errors'
import type { Core } from '../core'
import type { Logger } from '../core/log'
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

/** The core's language, or the default one if even that fails. */
function localeOf(core: Pick<Core, 'locale'>): Locale {
  try {
    return core.locale()
  } catch {
    return DEFAULT_LOCALE
  }
}

/**
 * Binds every call channel of the contract to ipcMain through one path: sender check, then the
 * core's dispatcher (input validation, service, error mapping). Every call ends in a Result: a
 * fault that escapes even the dispatcher becomes the localized `internal` error, never a rejected
 * invoke. Events go to the app's window.
 */
export function bindContract(
  ipcMain: Pick<IpcMain, 'handle'>,
  core: Pick<Core, 'invoke' | 'events' | 'locale'>,
  options: { devServerUrl?: string; targets: () => WebContents[]; log?: Logger },
): () => void {
  for (const { channel, def } of listChannels(contract)) {
    if (def.kind !== 'call') continue
    ipcMain.handle(channel, async (event, input: unknown): Promise<Result<unknown>> => {
      try {
        if (!isTrustedSender(event, options.devServerUrl)) {
          return { ok: false, error: FORBIDDEN.toApiError(localeOf(core)) }
        }
        return await core.invoke(channel, input)
      } catch (error) {
        try {
          options.log?.error('ipc call failed outside the dispatcher', { channel, error })
        } catch {
          // logging is best effort
        }
        return { ok: false, error: INTERNAL_ERROR.toApiError(localeOf(core)) }
      }
    })
  }
  return core.events.subscribe((channel, payload) => {
    try {
      for (const contents of options.targets()) {
        // A window closing mid-send must not stop the others or the core's emitter.
        try {
          if (!contents.isDestroyed()) contents.send(channel, payload)
        } catch {
          // that window is gone
        }
      }
    } catch {
      // no window list right now (app quitting)
    }
  })
}
