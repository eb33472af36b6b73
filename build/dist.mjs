#!/usr/bin/env node
/**
 * `npm run dist` (installers for this OS) and `npm run dist:dir` (an unpacked app), after `npm run build`.
 * Runs electron-builder with electron-builder.yml, adding what only the environment knows:
 *   - UPDATE_URL: the update feed (electron-updater's generic provider). With it, the app gets
 *     resources/app-update.yml and the build writes latest*.yml beside the installers; without it
 *     the app has no feed and Settings says updates are off.
 * and says in one line each what it will and will not do with signing and notarization, so that a
 * build without credentials is never mistaken for a signed one. Nothing is uploaded here.
 */
import { pathToFileURL } from 'node:url'

/** What one build gets from the environment: electron-builder options and the lines to print. */
export function distOptions(env = process.env, argv = process.argv.slice(2), platform = process.platform) {
  const dir = argv.includes('--dir')
  const notes = []
  const config = {}
  const updateUrl = env.UPDATE_URL?.trim()
  if (updateUrl) {
    const url = parseFeed(updateUrl)
    config.publish = { provider: 'generic', url }
    notes.push(`update feed: ${url} (the app checks it once a day; latest*.yml is written next to the installers)`)
  } else {
    notes.push('update feed: none — UPDATE_URL is not set, so this build cannot update itself and Settings says so')
  }
  if (platform === 'win32') {
    notes.push(
      env.WIN_CSC_LINK || env.CSC_LINK
        ? 'Windows signing: with the certificate in WIN_CSC_LINK / CSC_LINK'
        : 'Windows signing: skipped — no CSC_LINK or WIN_CSC_LINK (SmartScreen will warn; unsigned updates cannot be verified)',
    )
  }
  if (platform === 'darwin') {
    notes.push(
      env.CSC_LINK || env.CSC_NAME
        ? 'macOS signing: with the Developer ID certificate in CSC_LINK / CSC_NAME'
        : 'macOS signing: only if a Developer ID identity is in the keychain (CSC_LINK is not set)',
    )
    const appleId = env.APPLE_ID && env.APPLE_APP_SPECIFIC_PASSWORD && env.APPLE_TEAM_ID
    const apiKey = env.APPLE_API_KEY && env.APPLE_API_KEY_ID && env.APPLE_API_ISSUER
    const keychain = env.APPLE_KEYCHAIN_PROFILE
    notes.push(
      appleId || apiKey || keychain
        ? `macOS notarization: through @electron/notarize with ${appleId ? 'APPLE_ID' : apiKey ? 'APPLE_API_KEY' : 'APPLE_KEYCHAIN_PROFILE'}`
        : 'macOS notarization: skipped — set APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID (or APPLE_API_KEY, APPLE_API_KEY_ID and APPLE_API_ISSUER); Gatekeeper will block an app that is not notarized',
    )
  }
  return { builder: { dir, publish: 'never', config }, notes }
}

/** The feed must be https (plain http only for this computer, to try a local feed). */
function parseFeed(value) {
  let url
  try {
    url = new URL(value)
  } catch {
    throw new Error(`UPDATE_URL is not a URL: ${value}`)
  }
  const local = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    throw new Error(`UPDATE_URL must be an https address (http only for 127.0.0.1 / localhost): ${value}`)
  }
  return url.toString().replace(/\/+$/, '')
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const { builder: options, notes } = distOptions()
    for (const note of notes) console.log(`dist: ${note}`)
    const { build } = (await import('electron-builder')).default
    const artifacts = await build(options)
    console.log(
      `dist: done — ${options.dir ? 'the unpacked app is in dist/*-unpacked/' : `${artifacts.length} file(s) in dist/`}`,
    )
  } catch (error) {
    console.error(`dist: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  }
}
