import type { EndpointSpec } from '../endpoints'
import type { Paginated } from '../pagination'
import { cursorPaginated } from '../pagination'
import type { WecomTransport } from '../transport'

/**
 * A cursor-paged POST list: the request body is sent as given with `cursor` replaced page by
 * page; a `cursor` in the request resumes from that point.
 */
export function cursorList<Item, Page extends { next_cursor?: string }>(
  transport: WecomTransport,
  endpoint: EndpointSpec,
  request: { cursor?: string },
  items: (page: Page) => readonly Item[] | undefined,
): Paginated<Item, Page> {
  const { cursor: startCursor, ...body } = request
  return cursorPaginated(
    endpoint.path,
    (cursor) => transport.call<Page>(endpoint, { body: { ...body, cursor } }),
    items,
    startCursor,
  )
}
