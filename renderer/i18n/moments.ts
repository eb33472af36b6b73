import type { Messages } from './messages'
import * as browse from './moments-browse'
import * as detail from './moments-detail'
import * as publish from './moments-publish'

/**
 * The moments namespace: the page frame here, each sub-area's text in its own file
 * (`moments.browse.*`, `moments.detail.*`, `moments.publish.*`).
 */
export const zhCN = {
  title: '朋友圈',
  tabs: { browse: '朋友圈列表', publish: '草稿与发表' },
  browse: browse.zhCN,
  detail: detail.zhCN,
  publish: publish.zhCN,
}

export const en: Messages<typeof zhCN> = {
  title: 'Moments',
  tabs: { browse: 'Moments', publish: 'Drafts and publishing' },
  browse: browse.en,
  detail: detail.en,
  publish: publish.en,
}
