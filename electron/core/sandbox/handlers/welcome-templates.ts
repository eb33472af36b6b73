import type { AttachmentKind, SandboxState, WelcomeTemplate } from '../model'
import { readRoute, writeRoute, type RouteTable, type SandboxContext } from '../routing'
import { optionalInteger, optionalObject, requiredString, type Fields } from '../request-fields'
import { invalidParameter, WeComError } from '../wecom-error'
import { requireMedia } from './media'
import { textContent, validatePart } from './message-content'

const TEMPLATES_MAX = 100
/** Enforced on add and edit (the edit section's 4,000 is a doc inconsistency, see the reference). */
const TEXT_MAX_BYTES = 3000
/** When several non-text parts are given, the first in this order is used, as the doc describes. */
const PART_PRIORITY: readonly AttachmentKind[] = ['image', 'link', 'miniprogram', 'file', 'video']

/**
 * The non-text part to keep, validated; undefined when none is given. When several are sent only
 * the first in the documented priority counts. An image given as a media_id (which wins over a
 * pic_url when both are sent) is kept as a permanent image: `get` answers `image.pic_url`, never a
 * media_id.
 */
function templatePart(context: SandboxContext, body: Fields): WelcomeTemplate['attachment'] {
  for (const kind of PART_PRIORITY) {
    const part = optionalObject(body, kind)
    if (!part) continue
    const fields = validatePart(context, kind, part)
    if (kind === 'image' && typeof fields.media_id === 'string')
      return { kind, fields: hostImage(context, fields.media_id) }
    return { kind, fields }
  }
  return undefined
}

/** The permanent copy WeCom keeps of a template image sent as a media_id, served like uploadimg's. */
function hostImage(context: SandboxContext, mediaId: string): Record<string, unknown> {
  const item = requireMedia(context, mediaId, 'image', 'message')
  const id = context.newId('img', 24)
  const extension = item.contentType === 'image/png' ? 'png' : 'jpg'
  context.state.hostedImages.set(id, { id, filename: item.filename, contentType: item.contentType, bytes: item.bytes })
  return { pic_url: `${context.baseUrl}/sandbox/images/${id}.${extension}` }
}

function findTemplate(state: SandboxState, body: Fields): WelcomeTemplate {
  const templateId = requiredString(body, 'template_id')
  const template = state.welcomeTemplates.find((candidate) => candidate.templateId === templateId)
  if (!template) throw invalidParameter(`invalid template_id ${templateId}`)
  return template
}

/** 41058: only templates created through the API may be changed by it. */
function ownTemplate(state: SandboxState, body: Fields): WelcomeTemplate {
  const template = findTemplate(state, body)
  if (!template.createdByApi) throw new WeComError(41058, 'no privilege to modify this template')
  return template
}

function addTemplate(context: SandboxContext, body: Fields) {
  const text = textContent(body, TEXT_MAX_BYTES)
  const attachment = templatePart(context, body)
  if (!text && !attachment) throw invalidParameter('template is empty')
  if (context.state.welcomeTemplates.length >= TEMPLATES_MAX)
    throw new WeComError(41055, 'group welcome template count exceeds 100')
  const notify = optionalInteger(body, 'notify') ?? 1
  if (notify !== 0 && notify !== 1) throw invalidParameter('notify must be 0 or 1')
  const template: WelcomeTemplate = {
    templateId: context.newId('msg', 20),
    createdByApi: true,
    text: text || undefined,
    attachment,
    notify,
  }
  context.state.welcomeTemplates.push(template)
  return { template_id: template.templateId }
}

function editTemplate(context: SandboxContext, body: Fields) {
  const template = ownTemplate(context.state, body)
  const text = optionalObject(body, 'text') ? textContent(body, TEXT_MAX_BYTES) : undefined
  const attachment = templatePart(context, body)
  if (text !== undefined) template.text = text || undefined
  if (attachment) template.attachment = attachment
  return {}
}

function templateView(template: WelcomeTemplate) {
  const view: Record<string, unknown> = {}
  if (template.text) view.text = { content: template.text }
  if (template.attachment) view[template.attachment.kind] = template.attachment.fields
  return view
}

/** Group welcome templates (入群欢迎语素材) [5]. */
export const welcomeTemplateRoutes: RouteTable = {
  'externalcontact/group_welcome_template/add': writeRoute((context, { body }) => addTemplate(context, body)),
  'externalcontact/group_welcome_template/edit': writeRoute((context, { body }) => editTemplate(context, body)),
  'externalcontact/group_welcome_template/get': readRoute('POST', ({ state }, { body }) =>
    templateView(findTemplate(state, body)),
  ),
  'externalcontact/group_welcome_template/del': writeRoute(({ state }, { body }) => {
    const template = ownTemplate(state, body)
    state.welcomeTemplates = state.welcomeTemplates.filter((candidate) => candidate !== template)
    return {}
  }),
}
