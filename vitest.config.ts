import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import { fileURLToPath } from 'node:url'

const alias = {
  '@': fileURLToPath(new URL('./renderer', import.meta.url)),
  '@shared': fileURLToPath(new URL('./shared', import.meta.url)),
}

/** Two projects: main/core code runs in Node; renderer units (`*.dom.test.ts`, beside their domain's tests) in a DOM. */
export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'node',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts'],
          exclude: ['tests/unit/**/*.dom.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [vue()],
        resolve: { alias },
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: ['tests/unit/**/*.dom.test.ts'],
        },
      },
    ],
  },
})
