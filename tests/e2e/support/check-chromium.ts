// First step of `npm run test:e2e`: stop before the renderer build when no Chromium is found, with one
// message that says how to get one (instead of one Playwright error per test).
import { findChromium, missingChromiumMessage, systemChromiumSearch } from './chromium'

const chromium = findChromium(systemChromiumSearch())
if (chromium.path === undefined) {
  console.error(missingChromiumMessage(chromium))
  process.exit(1)
}
console.log(`Chromium for the e2e tests: ${chromium.path}`)
