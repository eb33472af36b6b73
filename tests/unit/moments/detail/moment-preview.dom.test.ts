import { mount, type VueWrapper } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { afterEach, describe, expect, it } from 'vitest'
import MomentPreview from '@/components/MomentPreview.vue'
import { applyLocale, i18n } from '@/i18n'

const PNG = 'data:image/png;base64,iVBORw0KGgo='
let wrapper: VueWrapper | undefined
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  applyLocale('zh-CN')
})

interface Props {
  author: { name: string; avatarUrl?: string }
  text: string
  images?: string[]
  video?: { name: string; posterUrl?: string }
  link?: { title: string; url: string; coverUrl?: string }
  location?: string
  time?: string
}

function render(props: Props): VueWrapper {
  wrapper = mount(MomentPreview, { props, global: { plugins: [ElementPlus, i18n] } })
  return wrapper
}

describe('MomentPreview: the moment as a customer sees it in the moments feed', () => {
  it('shows author, text, location and time; one image is a single large cell', () => {
    const view = render({
      author: { name: '张三' },
      text: '夏季新品上市',
      images: [PNG],
      location: '上海·静安寺',
      time: '3 小时前',
    })
    expect(view.find('[data-testid="moment-preview-author"]').text()).toBe('张三')
    expect(view.find('[data-testid="moment-preview-text"]').text()).toBe('夏季新品上市')
    expect(view.find('[data-testid="moment-preview-location"]').text()).toContain('上海·静安寺')
    expect(view.find('.mp__time').text()).toBe('3 小时前')
    const grid = view.find('[data-testid="moment-preview-images"]')
    expect(grid.classes()).toContain('mp__grid--one')
    expect(grid.findAll('img').map((img) => img.attributes('src'))).toEqual([PNG])
  })

  it('lays four images out 2 × 2 and at most nine 3 across; remote addresses show a tile, not a broken image', () => {
    const four = render({ author: { name: 'A' }, text: '', images: [PNG, PNG, PNG, PNG] })
    expect(four.find('[data-testid="moment-preview-images"]').classes()).toContain('mp__grid--four')
    four.unmount()
    const many = render({
      author: { name: 'A' },
      text: '',
      images: [...Array.from({ length: 10 }, () => PNG.replace('=', '')), 'https://example.com/x.png'],
    })
    const grid = many.find('[data-testid="moment-preview-images"]')
    expect(grid.classes()).toContain('mp__grid--three')
    expect(grid.findAll('.mp__cell')).toHaveLength(9)
    const remote = render({ author: { name: 'A' }, text: '', images: ['https://example.com/x.png'] })
    expect(remote.find('[data-testid="moment-preview-images"] img').exists()).toBe(false)
  })

  it('shows a video tile or a link card with its host; an empty moment says what to add, in English too', () => {
    const video = render({ author: { name: 'A' }, text: '', video: { name: 'launch.mp4' } })
    expect(video.find('[data-testid="moment-preview-video"]').text()).toContain('launch.mp4')
    video.unmount()
    const link = render({
      author: { name: 'A' },
      text: 'x',
      link: { title: '新品目录', url: 'https://shop.example.com/summer' },
    })
    expect(link.find('[data-testid="moment-preview-link"]').text()).toContain('新品目录')
    expect(link.find('[data-testid="moment-preview-link"]').text()).toContain('shop.example.com')
    link.unmount()
    applyLocale('en')
    const empty = render({ author: { name: '' }, text: ' ' })
    expect(empty.find('[data-testid="moment-preview-author"]').text()).toBe('Corp member')
    expect(empty.text()).toContain('what customers will see')
  })
})
