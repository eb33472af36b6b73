import { net, protocol } from 'electron'
import { pathToFileURL } from 'node:url'
import { resolveStaticFile } from '../core/static-files'
import { APP_ORIGIN, APP_SCHEME } from '../core/security'

/** Must run before `app.ready`: makes `app://` a secure, standard scheme for the app's content. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ])
}

/** Serves the built renderer from `rendererDir` under app://console/, nothing else. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url)
    // Compare scheme and host: Node's URL gives a custom scheme the origin "null".
    if (`${url.protocol}//${url.host}` !== APP_ORIGIN) return new Response('Not found', { status: 404 })
    const file = resolveStaticFile(rendererDir, url.pathname)
    if (!file) return new Response('Not found', { status: 404 })
    return net.fetch(pathToFileURL(file).toString())
  })
}
