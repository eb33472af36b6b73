import { defineConfig } from '@playwright/test'
import { findChromium, missingChromiumMessage, systemChromiumSearch } from './tests/e2e/support/chromium'

const chromium = findChromium(systemChromiumSearch())
if (chromium.path === undefined) {
  // Same message as `npm run test:e2e`'s pre-check, for a direct `npx playwright test`; no stack below it.
  console.error(missingChromiumMessage(chromium))
  process.exit(1)
}

/** The Chromium the tests drive: CHROMIUM_PATH, the system's, or Playwright's cache; the tests never download one. */
export const chromiumPath = chromium.path

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'reports/playwright.json' }]],
  outputDir: 'test-results',
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
})
