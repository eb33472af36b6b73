// Runs the unit tests once per time zone, so code that assumes the computer is in China (or that a
// day lasts 24 hours) fails somewhere: New York has daylight saving, Shanghai is WeCom's zone.
// Usage: node tests/unit/in-zones.mjs [vitest args…]   (npm run test:unit:tz)
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const ZONES = ['America/New_York', 'Asia/Shanghai']
const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs')

const failed = []
for (const zone of ZONES) {
  console.log(`\n── unit tests with TZ=${zone} ──`)
  const run = spawnSync(process.execPath, [vitest, 'run', ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, TZ: zone },
  })
  if (run.status !== 0) failed.push(zone)
}
console.log(
  failed.length
    ? `\nunit tests failed with TZ=${failed.join(', TZ=')}`
    : `\nunit tests passed with TZ=${ZONES.join(' and TZ=')}`,
)
process.exit(failed.length ? 1 : 0)
