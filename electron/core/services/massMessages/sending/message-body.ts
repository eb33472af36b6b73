import type { ChatType } from '../../../../../shared/massMessages'
import type { FrozenContent, RecipientChunk } from '../../../store/repositories/send-journal'
import type { AddMsgTemplateRequest, MessageAttachment } from '../../../wecom'

/** The text as add_msg_template carries it: blank text is left out (attachments alone are a message). */
export function messageText(content: FrozenContent): string {
  return content.text.trim() === '' ? '' : content.text
}

/**
 * One recipient chunk's add_msg_template body. Customers go by external_userid (WeCom hands each
 * one to their own member, so no sender, except a test send's chunk, which names its member); groups go by sender, with `chat_id_list` unless the chunk
 * means all of the sender's groups.
 */
export function addMsgTemplateBody(
  chatType: ChatType,
  chunk: RecipientChunk,
  content: FrozenContent,
  attachments: MessageAttachment[],
): AddMsgTemplateRequest {
  const body: AddMsgTemplateRequest =
    chatType === 'single'
      ? {
          chat_type: 'single',
          // A test send names its member: only that member's task, to the one customer picked.
          ...(chunk.sender !== '' ? { sender: chunk.sender } : {}),
          external_userid: chunk.recipients,
        }
      : {
          chat_type: 'group',
          sender: chunk.sender,
          ...(chunk.recipients.length > 0 ? { chat_id_list: chunk.recipients } : {}),
        }
  const text = messageText(content)
  if (text !== '') body.text = { content: text }
  if (attachments.length > 0) body.attachments = attachments
  return body
}
