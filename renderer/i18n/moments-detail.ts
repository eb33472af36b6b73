import type { Messages } from './messages'

/** Text of the moments detail sub-area (i18n keys `moments.detail.*`), both languages side by side. */
export const zhCN = {
  /** MomentPreview (shared with the composer): the moment as a customer sees it in WeChat. */
  preview: {
    title: '朋友圈',
    authorFallback: '企业成员',
    empty: '输入文字或添加图片、视频、链接后，这里会显示客户在朋友圈里看到的样子。',
    image: '图片',
    video: '视频',
    linkTitle: '链接标题',
  },
}

export const en: Messages<typeof zhCN> = {
  preview: {
    title: 'Moments',
    authorFallback: 'Corp member',
    empty: 'Type some text or add images, a video or a link: this shows what customers will see in their Moments feed.',
    image: 'Image',
    video: 'Video',
    linkTitle: 'Link title',
  },
}
