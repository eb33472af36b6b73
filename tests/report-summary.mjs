// Prints one plain closing line for CI from the JSON reports of vitest and Playwright:
// "tests: N passed, N failed". Missing reports count as not run.
import { existsSync, readFileSync } from 'node:fs'

const read = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined)
let passed = 0
let failed = 0

const unit = read('reports/vitest.json')
if (unit) {
  passed += unit.numPassedTests
  failed += unit.numFailedTests
}
const e2e = read('reports/playwright.json')
if (e2e) {
  passed += e2e.stats.expected + e2e.stats.flaky
  failed += e2e.stats.unexpected
}
if (!unit) console.log('unit tests: no report (not run)')
if (!e2e) console.log('e2e tests: no report (not run)')
console.log(`tests: ${passed} passed, ${failed} failed`)
