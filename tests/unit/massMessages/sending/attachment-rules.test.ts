import { rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppError } from '../../../../electron/core/errors'
import { startSandbox } from '../../../../electron/core/sandbox'
import type { SandboxHandle } from '../../../../electron/core/sandbox/types'
import { SMALL_CORP } from '../../customers/support'
import { createdMessages, openCampaignCore, tempDataDir, type CampaignCore } from './harness'

/** The attachment rules the editor shows live hold at send time too (the same shared rule code). */
describe('send-time attachment rules', () => {
  let sandbox: SandboxHandle
  let core: CampaignCore
  let dataDir: string

  beforeAll(async () => {
    sandbox = await startSandbox({ ...SMALL_CORP, taskSpeed: 100 })
    dataDir = tempDataDir()
    core = await openCampaignCore(dataDir, sandbox)
    expect(await core.syncCache()).toMatchObject({ state: 'done' })
  })
  afterAll(async () => {
    await core.close()
    await sandbox.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('refuses a link without https:// (naming the fix) and a mini-program page that is a web address', async () => {
    const draftId = await core.saveDraft({
      chatType: 'single',
      content: {
        text: '领券',
        attachments: [
          { msgtype: 'link', link: { title: '活动', url: 'example.com/may-day' } },
          {
            msgtype: 'miniprogram',
            miniprogram: { title: '领券', appid: 'wx0123456789abcdef', page: 'www.example.com' },
          },
          { msgtype: 'image' },
        ],
      },
      targeting: { mode: 'customers', externalUserids: [sandbox.state.customers[0]!.externalUserid] },
    })
    expect(core.campaigns.preview(draftId).problems).toEqual([
      'Link URL must start with https:// (as in https://example.com/may-day).',
      'The mini program page must be a page path inside the mini program, such as pages/index/index.html, not a web address.',
      'Cover image is not chosen yet.',
      'Image is not chosen yet.',
    ])

    const before = sandbox.requestLog.length
    let refused: unknown
    try {
      core.campaigns.send({ draftId })
    } catch (error) {
      refused = error
    }
    expect(refused).toBeInstanceOf(AppError)
    const error = refused as AppError
    expect(error.code).toBe('campaign_invalid')
    expect(error.text['zh-CN']).toContain('链接地址需要以 https:// 开头（即 https://example.com/may-day）。')
    expect(error.text['zh-CN']).toContain('小程序页面路径不能是网址')
    expect(error.text['zh-CN']).toContain('请选择封面图片。')
    expect(error.text['zh-CN']).toContain('请选择图片。')
    expect(createdMessages(sandbox, before)).toEqual([])
  })
})
