import type zhCN from './zh-CN'

type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> }

/** English. Same keys as zh-CN.ts (the type enforces it). */
const en: Messages<typeof zhCN> = {
  app: { title: 'WeCom Contact Console', loading: 'Starting…', startFailed: 'The console could not start' },
  nav: {
    campaigns: 'Mass messages',
    moments: 'Moments',
    welcome: 'Group welcome',
    statistics: 'Statistics',
    customers: 'Customers',
    settings: 'Settings',
  },
  language: { label: 'Language', 'zh-CN': '简体中文', en: 'English' },
  status: {
    profile: 'Corp',
    sandbox: 'Sandbox',
    sandboxTip: 'This is the built-in demo corp: its data is simulated and nothing reaches real customers.',
    connecting: 'Connecting…',
    connected: 'Connected',
    offline: 'Offline',
    error: 'Connection error',
  },
  placeholder: {
    campaigns: 'Compose mass messages, pick customers or groups, send and track results here.',
    moments: 'Browse and publish customer moments here.',
    welcome: 'Edit group-welcome templates here.',
    statistics: 'See customer-contact and group-chat statistics here.',
    customers: 'Sync, search and edit customers, tags and customer groups here.',
    comingSoon: 'This feature is coming soon.',
  },
  common: {
    save: 'Save',
    cancel: 'Cancel',
    delete: 'Delete',
    edit: 'Edit',
    add: 'Add',
    close: 'Close',
    confirm: 'OK',
    whatNext: 'What to do',
  },
  settings: {
    title: 'Settings',
    profiles: 'Connection profiles',
    profilesHint: 'Each profile connects one corp. The built-in demo corp (sandbox) is used until you pick another.',
    addProfile: 'Add corp',
    editProfile: 'Edit profile',
    active: 'In use',
    use: 'Use',
    test: 'Test connection',
    testing: 'Testing…',
    testOk: 'Connected: found {count} members with customer contact ({ms} ms).',
    secretSet: 'Saved',
    secretMissing: 'Not set',
    secretKeep: 'Leave empty to keep the saved secret',
    deleteConfirm: 'Delete the profile "{name}"? Data cached on this computer for that corp is deleted too.',
    deleted: 'Deleted',
    saved: 'Saved',
    fields: {
      name: 'Name',
      corpid: 'Corp ID',
      secret: 'Secret',
      agentid: 'AgentId (optional)',
      baseUrl: 'API address',
    },
    placeholders: {
      name: 'e.g. Head office',
      corpid: 'Admin → My Company → Corp ID',
      secret: 'The self-built app’s secret',
      baseUrl: 'https://qyapi.weixin.qq.com',
    },
    baseUrlHelp:
      'Usually leave as is. If your corp must call from a fixed IP, enter your proxy’s address (https only).',
    vault: {
      'os-encrypted': 'The secret is encrypted with the system keychain on this computer.',
      'plain-text':
        'This computer has no system keychain: the secret can only be stored as plain text on it. Save secrets only on your own computer.',
      'local-file':
        'Browser mode: the secret is kept in local-only-secrets.json in this computer’s data folder and is never sent to the page.',
    },
    sandboxRow: 'Built-in demo corp, no secret needed',
  },
  errors: { title: 'Action failed' },
}

export default en
