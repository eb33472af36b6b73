import type { ServerResponse } from 'node:http'
import type { SandboxState } from './model'
import { hashParts } from './random'

const AVATAR_COLORS = ['#3975C6', '#2BA471', '#E37318', '#8E56DD', '#D54941', '#0594FA']

/** An avatar: the first character of the name on a colour picked from the id. */
function avatarSvg(id: string, name: string): string {
  const color = AVATAR_COLORS[hashParts(id) % AVATAR_COLORS.length]
  const initial = [...name][0] ?? '?'
  const escaped = initial.replace(/[<>&"']/g, '')
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96">` +
    `<rect width="96" height="96" rx="8" fill="${color}"/>` +
    `<text x="48" y="62" font-size="44" text-anchor="middle" fill="#fff" font-family="sans-serif">${escaped}</text></svg>`
  )
}

function nameOf(state: SandboxState, id: string): string | undefined {
  return state.memberById.get(id)?.name ?? state.customerById.get(id)?.name
}

/**
 * Files the sandbox serves outside /cgi-bin/ (no token, like WeCom's CDN): uploadimg images under
 * /sandbox/images/ and drawn avatars under /sandbox/avatar/. Returns false when `path` is not one.
 */
export function serveSandboxFile(state: SandboxState, path: string, response: ServerResponse): boolean {
  const image = /^\/sandbox\/images\/([^/.]+)\.\w+$/.exec(path)
  const hosted = image?.[1] ? state.hostedImages.get(image[1]) : undefined
  if (hosted) {
    response.writeHead(200, { 'content-type': hosted.contentType, 'content-length': hosted.bytes.length })
    response.end(hosted.bytes)
    return true
  }
  const avatar = /^\/sandbox\/avatar\/([^/]+)\.svg$/.exec(path)
  const id = avatar?.[1] ? decodeURIComponent(avatar[1]) : undefined
  const name = id ? nameOf(state, id) : undefined
  if (id && name) {
    response.writeHead(200, { 'content-type': 'image/svg+xml', 'cache-control': 'max-age=86400' })
    response.end(avatarSvg(id, name))
    return true
  }
  return false
}
