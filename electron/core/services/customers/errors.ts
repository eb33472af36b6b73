import { AppError, INVALID_INPUT_HINT, text } from '../../errors'

const SYNC_HINT = text('请重新同步客户后再试。', 'Sync customers again, then retry.')

/** The customer is not in the local cache (never synced, or a wrong id). */
export function customerNotFound(externalUserid: string): AppError {
  return new AppError(
    'customer_not_found',
    text(
      `本地客户数据中没有这位客户（${externalUserid}）。`,
      `This customer (${externalUserid}) is not in the local customer data.`,
    ),
    { hint: SYNC_HINT },
  )
}

/** The member does not (or no longer) follow the customer according to the cache. */
export function relationNotFound(userid: string, externalUserid: string): AppError {
  return new AppError(
    'relation_not_found',
    text(
      `成员 ${userid} 和这位客户（${externalUserid}）之间没有好友关系，无法修改。`,
      `Member ${userid} is not connected to this customer (${externalUserid}), so it cannot be changed.`,
    ),
    { hint: SYNC_HINT },
  )
}

/** A remark edit that names no field to change. */
export function nothingToRemark(): AppError {
  return new AppError(
    'invalid_input',
    text(
      '请至少修改备注、描述或备注企业名称中的一项。',
      'Change at least one of remark, description or remark company.',
    ),
    { hint: INVALID_INPUT_HINT },
  )
}

/** Tag ids that the cached tag library does not know (deleted, or never synced). */
export function unknownTags(tagIds: readonly string[]): AppError {
  const listed = tagIds.slice(0, 5).join(', ') + (tagIds.length > 5 ? ' …' : '')
  return new AppError(
    'unknown_tags',
    text(`标签库中没有这些标签：${listed}。`, `These tags are not in the tag library: ${listed}.`),
    {
      hint: text(
        '标签可能已在企业微信中删除。请重新同步后再选择标签。',
        'The tags may have been deleted in WeCom. Sync again, then pick the tags again.',
      ),
    },
  )
}

/** The same tag is both added and removed in one edit. */
export function tagsAddedAndRemoved(tagIds: readonly string[]): AppError {
  return new AppError(
    'invalid_input',
    text(
      `同一个标签不能同时添加和移除：${tagIds.join(', ')}。`,
      `A tag cannot be added and removed at once: ${tagIds.join(', ')}.`,
    ),
    { hint: INVALID_INPUT_HINT },
  )
}
