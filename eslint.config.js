import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import vue from 'eslint-plugin-vue'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const electronPaths = [
  {
    name: 'electron',
    message: 'The core runs in plain Node: keep Electron code in electron/main or electron/preload.',
  },
]
const electronPatterns = [{ group: ['electron/*'], message: 'The core runs in plain Node: no Electron imports.' }]
const noElectron = { 'no-restricted-imports': ['error', { paths: electronPaths, patterns: electronPatterns }] }

/**
 * The user-facing domains (README, "Folders"): each has one name in the contract, its service folder,
 * store, views, route, i18n namespace and tests. A feature's service folder imports the core's shared
 * helpers (store, wecom, audience, export, errors, ...), never the contract's dispatcher (`api/`) nor
 * another feature's internals: what two features share moves to electron/core/.
 */
export const DOMAINS = ['app', 'profiles', 'customers', 'massMessages', 'moments', 'welcomeTemplates', 'statistics']

/** Lint blocks that keep each electron/core/services/<domain>/ folder to its own files and the core's helpers. */
const serviceBoundaries = DOMAINS.map((domain) => ({
  files: [`electron/core/services/${domain}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: electronPaths,
        patterns: [
          ...electronPatterns,
          {
            regex: '^(\\.\\./)+api(/|$)',
            message: 'Services never import the dispatcher (api/): move what you need to electron/core/.',
          },
          {
            regex: `^(\\.\\./)+(${DOMAINS.filter((d) => d !== domain).join('|')})(/|$)`,
            message: `Services of ${domain} never import another feature's internals: move the shared piece to electron/core/.`,
          },
        ],
      },
    ],
  },
}))

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'vue/multi-word-component-names': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,vue}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'The renderer talks to main only through window.api.' }] },
      ],
    },
  },
  // The Electron-free core (and the browser shell that runs it in Node) must never import electron.
  { files: ['electron/core/**/*.ts', 'electron/browser/**/*.ts', 'shared/**/*.ts'], rules: noElectron },
  ...serviceBoundaries,
  prettier,
)
