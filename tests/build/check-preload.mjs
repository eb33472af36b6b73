// After `electron-vite build`: a sandboxed preload may require only 'electron' (Electron's
// sandbox offers no other modules to preloads), so every dependency must be bundled into it.
import { readFileSync } from 'node:fs'

const bundle = readFileSync('out/preload/index.cjs', 'utf8')
const required = [...bundle.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1])
const foreign = required.filter((name) => name !== 'electron')
if (foreign.length > 0) {
  console.error(`out/preload/index.cjs requires ${foreign.join(', ')}: a sandboxed preload cannot load them.`)
  process.exit(1)
}
console.log(`preload bundle ok: requires only ${[...new Set(required)].join(', ') || 'nothing'}`)
