import { randomUUID } from 'node:crypto'
import type { z } from 'zod'
import { AUDIENCE_NAME_MAX_CHARS, type SavedAudience, type saveAudienceInputSchema } from '../../../shared/customers'
import { AppError, INVALID_INPUT_HINT, text } from '../errors'
import { SavedAudienceRepository } from '../store/repositories/saved-audiences'
import type { Workspace } from '../store/workspace'

export type SaveAudienceInput = z.output<typeof saveAudienceInputSchema>

const repository = (workspace: Workspace) => workspace.repository(SavedAudienceRepository)

/** Saved audiences of the workspace, by name (customers:listAudiences). */
export function listAudiences(workspace: Workspace): SavedAudience[] {
  return repository(workspace).list()
}

/**
 * Saves a filter under a name (customers:saveAudience): a new audience, or with `id` a new name or
 * filter for a saved one. The name is trimmed, 1–30 characters, and not held by another audience.
 */
export function saveAudience(workspace: Workspace, input: SaveAudienceInput, now: number): SavedAudience {
  const name = input.name.trim()
  if (name === '') throw audienceNameMissing()
  const chars = [...name].length
  if (chars > AUDIENCE_NAME_MAX_CHARS) throw audienceNameTooLong(chars)
  return workspace.transaction(() => {
    const audiences = repository(workspace)
    const existing = input.id === undefined ? undefined : audiences.get(input.id)
    if (input.id !== undefined && existing === undefined) throw audienceNotFound()
    const holder = audiences.byName(name)
    if (holder !== undefined && holder.id !== input.id) throw audienceNameTaken(holder.name)
    const audience: SavedAudience = {
      id: existing?.id ?? randomUUID(),
      name,
      filter: input.filter,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    }
    audiences.put(audience)
    return audience
  })
}

/** Deletes a saved audience (customers:removeAudience); drafts that used it keep their own copy of the filter. */
export function removeAudience(workspace: Workspace, id: string): { id: string } {
  if (!repository(workspace).remove(id)) throw audienceNotFound()
  return { id }
}

function audienceNameMissing(): AppError {
  return new AppError('audience_name_missing', text('请给这个受众起个名字。', 'Give this audience a name.'), {
    hint: INVALID_INPUT_HINT,
  })
}

function audienceNameTooLong(chars: number): AppError {
  return new AppError(
    'audience_name_too_long',
    text(
      `受众名称最多 ${AUDIENCE_NAME_MAX_CHARS} 个字，现在有 ${chars} 个字。`,
      `An audience name can have at most ${AUDIENCE_NAME_MAX_CHARS} characters; this one has ${chars}.`,
    ),
    { hint: text('请把名称改短一些。', 'Use a shorter name.') },
  )
}

function audienceNameTaken(name: string): AppError {
  return new AppError(
    'audience_name_taken',
    text(`已经有一个叫「${name}」的受众了。`, `There is already an audience called “${name}”.`),
    {
      hint: text(
        '请换一个名称；要更新它，请先在列表里删除旧的。',
        'Choose another name; to update it, delete the old one from the list first.',
      ),
    },
  )
}

function audienceNotFound(): AppError {
  return new AppError('audience_not_found', text('这个受众已经被删除了。', 'This audience has been deleted.'), {
    hint: text('请重新选择或保存一个受众。', 'Choose or save an audience again.'),
  })
}
