import { WecomPaginationError } from './errors'

/**
 * A paged WeCom list, fetched lazily as the caller iterates. `for await (const item of list)`
 * walks every item of every page; `pages()` walks the raw pages (e.g. to save `next_cursor` for
 * resuming); `all()` collects every item. Each iteration starts again from the first page.
 */
export interface Paginated<Item, Page> extends AsyncIterable<Item> {
  pages(): AsyncIterable<Page>
  all(): Promise<Item[]>
}

function paginated<Item, Page>(
  pages: () => AsyncGenerator<Page>,
  items: (page: Page) => readonly Item[] | undefined,
): Paginated<Item, Page> {
  async function* allItems(): AsyncGenerator<Item> {
    for await (const page of pages()) yield* items(page) ?? []
  }
  return {
    pages,
    [Symbol.asyncIterator]: allItems,
    async all() {
      const out: Item[] = []
      for await (const item of allItems()) out.push(item)
      return out
    },
  }
}

/**
 * Cursor paging: the request carries `cursor` (the previous page's `next_cursor`, never the
 * `msgcursorid` some SDKs send); an empty or absent `next_cursor` ends the list. `startCursor`
 * resumes an interrupted walk. A cursor seen twice stops with an error instead of looping.
 */
export function cursorPaginated<Item, Page extends { next_cursor?: string }>(
  path: string,
  fetchPage: (cursor: string | undefined) => Promise<Page>,
  items: (page: Page) => readonly Item[] | undefined,
  startCursor?: string,
): Paginated<Item, Page> {
  return paginated(async function* () {
    const seen = new Set<string>()
    let cursor = startCursor || undefined
    for (;;) {
      const page = await fetchPage(cursor)
      yield page
      const next = page.next_cursor
      if (!next) return
      if (seen.has(next)) throw new WecomPaginationError(path)
      seen.add(next)
      cursor = next
    }
  }, items)
}

/**
 * Offset paging (groupchat/statistic): the next request sends `offset = next_offset`; the list
 * ends when `next_offset` reaches `total`, is absent, does not advance, or a page is empty.
 */
export function offsetPaginated<Item, Page extends { next_offset?: number; total?: number }>(
  fetchPage: (offset: number) => Promise<Page>,
  items: (page: Page) => readonly Item[] | undefined,
  startOffset = 0,
): Paginated<Item, Page> {
  return paginated(async function* () {
    let offset = startOffset
    for (;;) {
      const page = await fetchPage(offset)
      yield page
      const next = page.next_offset
      const done =
        next === undefined ||
        next <= offset ||
        (page.total !== undefined && next >= page.total) ||
        (items(page)?.length ?? 0) === 0
      if (done) return
      offset = next
    }
  }, items)
}
