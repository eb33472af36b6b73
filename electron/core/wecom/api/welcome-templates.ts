import { WECOM_ENDPOINTS as E } from '../endpoints'
import type { WecomTransport } from '../transport'
import { withAgentId } from './agent'
import type { ImageContent, LinkContent, MediaContent, MiniprogramContent } from './content'

/**
 * A group welcome template: text (≤ 3,000 bytes, `%NICKNAME%` is replaced by the customer's
 * nickname) plus at most one other part; not all empty.
 */
export interface GroupWelcomeContent {
  text?: { content: string }
  image?: ImageContent
  link?: LinkContent
  miniprogram?: MiniprogramContent
  file?: MediaContent
  video?: MediaContent
}

/** `group_welcome_template/add` request. */
export interface AddGroupWelcomeTemplateRequest extends GroupWelcomeContent {
  agentid?: number
  /** 1 (default) notify members to apply it to their groups, 0 don't. */
  notify?: 0 | 1
}

/** `group_welcome_template/edit` request: only the given parts change. */
export interface EditGroupWelcomeTemplateRequest extends GroupWelcomeContent {
  template_id: string
  agentid?: number
}

/**
 * Group welcome templates (入群欢迎语素材), ≤ 100 per corp; only this app's templates can be
 * edited or deleted. The client's `agentid`, when set, is sent unless the request has its own.
 */
export function createWelcomeTemplatesApi(transport: WecomTransport, agentid: number | undefined) {
  return {
    /** Creates a template; returns its id. */
    async add(request: AddGroupWelcomeTemplateRequest): Promise<string> {
      const answer = await transport.call<{ template_id: string }>(E.addGroupWelcomeTemplate, {
        body: withAgentId(agentid, request),
      })
      return answer.template_id
    },

    /** Replaces the given parts of a template. */
    async edit(request: EditGroupWelcomeTemplateRequest): Promise<void> {
      await transport.call(E.editGroupWelcomeTemplate, { body: withAgentId(agentid, request) })
    },

    /** One template's content. */
    get(templateId: string): Promise<GroupWelcomeContent> {
      return transport.call<GroupWelcomeContent>(E.getGroupWelcomeTemplate, { body: { template_id: templateId } })
    },

    /** Deletes a template. */
    async del(templateId: string): Promise<void> {
      await transport.call(E.deleteGroupWelcomeTemplate, {
        body: withAgentId<{ template_id: string; agentid?: number }>(agentid, { template_id: templateId }),
      })
    },
  }
}

/** `client.welcomeTemplates`. */
export type WelcomeTemplatesApi = ReturnType<typeof createWelcomeTemplatesApi>
