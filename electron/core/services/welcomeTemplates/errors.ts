import type { LocalizedText } from '../../../../shared/result'
import { WECOM_LIMITS } from '../../../../shared/limits/wecom'
import { AppError, INVALID_INPUT_HINT, text } from '../../errors'

const CAP = WECOM_LIMITS.welcomeTemplate.perCorp
/** Where an admin checks the templates WeCom holds. */
const ADMIN_PLACE = text(
  '管理后台 → 客户联系 → 加入群聊欢迎语',
  'Admin console → Customer Contact → Group welcome messages',
)

/** No template with this id in the library (or it is in the deleted view). */
export function templateNotFound(id: string): AppError {
  return new AppError(
    'welcome_template_not_found',
    text(
      `找不到这条欢迎语（${id}），可能已被删除。`,
      `This welcome template (${id}) was not found; it may have been deleted.`,
    ),
    { hint: text('请刷新列表后再试。', 'Refresh the list and try again.') },
  )
}

/** The content breaks a documented rule: nothing was sent, the draft is kept. */
export function templateNotPushable(reasons: LocalizedText): AppError {
  return new AppError(
    'welcome_template_invalid',
    text(`还不能推送：${reasons['zh-CN']}`, `It cannot be pushed yet: ${reasons.en}`),
    { hint: text('草稿已保存。请按提示修改后再推送。', `The draft is saved. ${INVALID_INPUT_HINT.en}`) },
  )
}

/** 41058 in words: another app (or the admin console) made it, so this app may only view and copy it. */
export function createdByAnotherApp(): AppError {
  return new AppError(
    'welcome_template_other_app',
    text(
      '这条欢迎语是在管理后台或其他应用里创建的，企业微信只允许创建它的应用修改或删除（错误 41058）。',
      'This template was created in the admin console or by another app; WeCom lets only the app that created it edit or delete it (error 41058).',
    ),
    {
      hint: text(
        '可以查看它，或「复制为新模板」后修改并推送；原模板请到管理后台修改。',
        'You can view it, or “Copy as a new template” to change and push your own copy; change the original in the admin console.',
      ),
      wecomErrcode: 41058,
    },
  )
}

/** The library already counts 100 templates in WeCom: an add would be refused with 41055. */
export function capReached(count: number): AppError {
  return new AppError(
    'welcome_template_cap',
    text(
      `企业微信最多保存 ${CAP} 条入群欢迎语，本企业已有至少 ${count} 条（错误 41055）。`,
      `WeCom keeps at most ${CAP} group welcome templates per company; this one already has at least ${count} (error 41055).`,
    ),
    {
      hint: text(
        `请先删除不再使用的模板（在本页删除，或在${ADMIN_PLACE['zh-CN']}中删除），再推送。`,
        `Delete templates you no longer use first (here, or in ${ADMIN_PLACE.en}), then push again.`,
      ),
      wecomErrcode: 41055,
    },
  )
}

/** An add whose answer was lost: pushing again could make a second template. */
export function mayHaveBeenCreated(): AppError {
  return new AppError(
    'welcome_template_maybe_created',
    text(
      '上次推送时连接中断，这条欢迎语可能已经在企业微信中创建了。为避免重复，本软件不会自动再创建。',
      'The connection dropped during the last push, so this template may already exist in WeCom. To avoid a duplicate, the console will not create it again by itself.',
    ),
    {
      hint: text(
        `请到${ADMIN_PLACE['zh-CN']}查看：如果已有，复制它的模板 ID 并「按 ID 导入」；如果没有，点「重新创建」。`,
        `Check in ${ADMIN_PLACE.en}: if it is there, copy its template ID and use “Import by ID”; if not, choose “Create again”.`,
      ),
    },
  )
}

/** WeCom no longer has it (deleted in the admin console or by another tool). */
export function deletedInWecom(): AppError {
  return new AppError(
    'welcome_template_gone',
    text(
      '这条欢迎语已在企业微信中被删除（可能是在管理后台删的）。',
      'This template was deleted in WeCom (perhaps in the admin console).',
    ),
    {
      hint: text(
        '本地内容还在：点「重新创建」可再推送为新模板，或直接删除这条记录。',
        'The content is still here: choose “Create again” to push it as a new template, or delete this entry.',
      ),
    },
  )
}

/** Another push, refresh or delete of the same template is still running. */
export function pushInProgress(): AppError {
  return new AppError(
    'welcome_template_busy',
    text('这条欢迎语正在推送中。', 'This template is being pushed right now.'),
    { hint: text('请等它完成后再操作。', 'Wait for it to finish, then try again.') },
  )
}

/** WeCom's edit cannot remove an attachment: only replace it. */
export function cannotRemoveAttachment(): AppError {
  return new AppError(
    'welcome_template_attachment_removed',
    text(
      '企业微信不支持从已推送的欢迎语中去掉附件，只能更换附件。',
      'WeCom cannot remove the attachment from a template already pushed; it can only replace it.',
    ),
    {
      hint: text(
        '请换一个附件，或「复制为新模板」不带附件推送，再删除旧模板。',
        'Choose another attachment, or “Copy as a new template” without it, push that, then delete the old one.',
      ),
    },
  )
}

/** The template only exists in WeCom as ids of this corp: another corp cannot use them. */
export function mediaOnlyInWecom(): AppError {
  return new AppError(
    'welcome_template_media_missing',
    text(
      '这条欢迎语的附件文件只保存在企业微信里，本机没有副本，无法复制到其他企业。',
      'This template’s attachment file exists only in WeCom, with no copy on this computer, so it cannot be copied to another company.',
    ),
    {
      hint: text(
        '请「复制为新模板」，重新选择附件文件后再复制。',
        'Use “Copy as a new template”, choose the attachment file again, then copy it.',
      ),
    },
  )
}

/** The chosen profile is the one already active. */
export function copyToSameProfile(): AppError {
  return new AppError(
    'welcome_template_same_profile',
    text('请选择另一个企业的连接配置。', 'Choose the connection profile of another company.'),
    {
      hint: text(
        '要在本企业再建一条，请用「复制为新模板」。',
        'To make another one in this company, use “Copy as a new template”.',
      ),
    },
  )
}

/** Only a template in the deleted view can be restored. */
export function notDeleted(): AppError {
  return new AppError(
    'welcome_template_not_deleted',
    text('这条欢迎语不在「已删除」中。', 'This template is not in the deleted view.'),
    { hint: text('请刷新列表后再试。', 'Refresh the list and try again.') },
  )
}

/** The id is already in the library (live), so importing it again would make two entries. */
export function alreadyInLibrary(): AppError {
  return new AppError(
    'welcome_template_already_imported',
    text('这个模板 ID 已在模板库中。', 'This template ID is already in the library.'),
    { hint: text('请在列表中搜索它。', 'Find it in the list.') },
  )
}
