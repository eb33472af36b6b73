import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { contract } from '../../shared/contract'
import { buildApi } from '../../shared/contract/define'
import type { Result } from '../../shared/result'

/**
 * Exposes exactly the contract as `window.api`, grouped by domain: no raw ipcRenderer, no event
 * objects; listeners get only the payload and subscriptions return an unsubscribe function.
 */
const api = buildApi(contract, {
  invoke: (channel, input) => ipcRenderer.invoke(channel, input) as Promise<Result<unknown>>,
  subscribe: (channel, listener) => {
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload)
    ipcRenderer.on(channel, forward)
    return () => {
      ipcRenderer.removeListener(channel, forward)
    }
  },
})

contextBridge.exposeInMainWorld('api', api)
