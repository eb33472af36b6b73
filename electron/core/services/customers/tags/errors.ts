import { AppError, text } from '../../../errors'

const SYNC_HINT = text(
  '标签可能已在企业微信中修改或删除。请重新同步后再试。',
  'The tags may have been changed or deleted in WeCom. Sync again, then retry.',
)

/** Adding `adding` tags to the `existing` ones would pass WeCom's cap of `cap` per corp. */
export function tagCapReached(existing: number, adding: number, cap: number): AppError {
  const left = Math.max(0, cap - existing)
  return new AppError(
    'tag_limit_reached',
    text(
      `企业微信每个企业最多 ${cap.toLocaleString('en')} 个标签。现有 ${existing} 个，再添加 ${adding} 个会超出上限，本次没有添加任何标签。`,
      `WeCom allows at most ${cap.toLocaleString('en')} tags per corp. There are ${existing}; adding ${adding} would pass the limit, so none were added.`,
    ),
    {
      hint: text(
        left > 0
          ? `请先删除不再使用的标签，或把本次添加减少到 ${left} 个以内。`
          : '请先删除不再使用的标签，再添加新标签。',
        left > 0
          ? `Delete tags you no longer use, or add at most ${left} this time.`
          : 'Delete tags you no longer use, then add the new ones.',
      ),
    },
  )
}

/** Tag names already used in the group (or repeated in the request). */
export function duplicateTagNames(names: readonly string[], groupName: string): AppError {
  const listed = names.map((name) => `「${name}」`).join('')
  return new AppError(
    'duplicate_tag_name',
    text(
      `标签组「${groupName}」中已有同名标签：${listed}。同一组内的标签名称不能重复。`,
      `The tag group "${groupName}" already has a tag named ${names.map((name) => `"${name}"`).join(', ')}; names must be unique within a group.`,
    ),
    { hint: text('请换一个名称，或直接使用已有的标签。', 'Choose another name, or use the existing tag.') },
  )
}

/** Another tag group already has this name. */
export function duplicateGroupName(name: string): AppError {
  return new AppError(
    'duplicate_tag_group_name',
    text(`已有名为「${name}」的标签组。`, `There is already a tag group named "${name}".`),
    { hint: text('请换一个名称。', 'Choose another name.') },
  )
}

/** Tag or group ids the cached library does not know. */
export function tagsNotFound(ids: readonly string[]): AppError {
  const listed = ids.slice(0, 5).join(', ') + (ids.length > 5 ? ' …' : '')
  return new AppError(
    'tag_not_found',
    text(
      `标签库中没有这些标签或标签组：${listed}。`,
      `These tags or tag groups are not in the tag library: ${listed}.`,
    ),
    { hint: SYNC_HINT },
  )
}
