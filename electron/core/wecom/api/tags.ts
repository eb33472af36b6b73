import { WECOM_ENDPOINTS as E } from '../endpoints'
import type { WecomTransport } from '../transport'
import { withAgentId } from './agent'

/** One corp tag. */
export interface CorpTag {
  id: string
  name: string
  create_time?: number
  order?: number
  deleted?: boolean
}

/** A corp tag group with its tags. */
export interface CorpTagGroup {
  group_id: string
  group_name: string
  create_time?: number
  order?: number
  deleted?: boolean
  tag?: CorpTag[]
}

/** `get_corp_tag_list` filter: both empty ⇒ every tag; when both are given, group_id wins. */
export interface CorpTagListRequest {
  tag_id?: string[]
  group_id?: string[]
}

/** `add_corp_tag`: new tags in an existing group (`group_id`) or in a new group (`group_name`). */
export interface AddCorpTagRequest {
  group_id?: string
  /** ≤ 30 chars. */
  group_name?: string
  order?: number
  /** Names ≤ 30 chars. */
  tag: { name: string; order?: number }[]
  agentid?: number
}

/** `edit_corp_tag`: `id` is a tag id or a group id. Only tags created by this app. */
export interface EditCorpTagRequest {
  id: string
  name?: string
  order?: number
  agentid?: number
}

/** `del_corp_tag`: deleting every tag of a group deletes the group. */
export interface DeleteCorpTagRequest {
  tag_id?: string[]
  group_id?: string[]
  agentid?: number
}

/** `mark_tag`: add and remove corp tags on one member's customer; not both empty. */
export interface MarkTagRequest {
  userid: string
  external_userid: string
  add_tag?: string[]
  remove_tag?: string[]
}

/**
 * Corp customer tags (企业标签). `agentid` is the client's, when set, for apps that need it
 * (legacy third-party multi-app suites) unless the request carries its own.
 */
export function createTagsApi(transport: WecomTransport, agentid: number | undefined) {
  return {
    /** Tag groups with their tags. */
    async getCorpTagList(request: CorpTagListRequest = {}): Promise<CorpTagGroup[]> {
      const answer = await transport.call<{ tag_group?: CorpTagGroup[] }>(E.getCorpTagList, { body: request })
      return answer.tag_group ?? []
    },

    /** Creates tags (and their group when new); returns the group with the new ids. */
    async addCorpTag(request: AddCorpTagRequest): Promise<CorpTagGroup> {
      const answer = await transport.call<{ tag_group: CorpTagGroup }>(E.addCorpTag, {
        body: withAgentId(agentid, request),
      })
      return answer.tag_group
    },

    /** Renames or reorders a tag or a group. */
    async editCorpTag(request: EditCorpTagRequest): Promise<void> {
      await transport.call(E.editCorpTag, { body: withAgentId(agentid, request) })
    },

    /** Deletes tags and/or groups. */
    async delCorpTag(request: DeleteCorpTagRequest): Promise<void> {
      await transport.call(E.deleteCorpTag, { body: withAgentId(agentid, request) })
    },

    /** Tags / untags one member's customer. */
    async markTag(request: MarkTagRequest): Promise<void> {
      await transport.call(E.markTag, { body: request })
    },
  }
}

/** `client.tags`. */
export type TagsApi = ReturnType<typeof createTagsApi>
