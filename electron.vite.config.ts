import { defineConfig } from 'electron-vite'
import { resolve } from 'node:path'
import { rendererConfig } from './renderer/vite.config'

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve('electron/main/index.ts'),
          // The customer sync's writer thread (services/customers/sync/writer.ts starts it from here).
          'sync-writer-worker': resolve('electron/core/services/customers/sync/writer-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require only electron and a few built-ins: bundle its dependencies.
      externalizeDeps: false,
      // Sandboxed preloads must be a single CommonJS file.
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    ...rendererConfig,
    build: {
      ...rendererConfig.build,
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
})
