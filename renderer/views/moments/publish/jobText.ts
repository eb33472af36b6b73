import type { PublishJobSummary } from '@shared/moments-publish'
import { formatDateTime } from '../../../components/format'

type Translate = (key: string, values: Record<string, unknown>, plural: number) => string

/** A job's status in words: "定时 2026-12-06 09:00", "已发表", … */
export function jobStateText(job: PublishJobSummary, t: Translate): string {
  return t(`moments.publish.jobs.state.${job.state}`, { time: formatDateTime(job.scheduledAt) }, 1)
}

/**
 * What a marketer reads about the result: the failure or pause reason, or, once published, which
 * members, departments and tags WeCom could not use (invalid_sender_list /
 * invalid_external_contact_list), named from the cache; a moment found again after an interruption
 * says so.
 */
export function jobResultLines(job: PublishJobSummary, t: Translate, n: (value: number) => string): string[] {
  const lines: string[] = []
  if (job.note) lines.push(job.hint ? `${job.note} ${job.hint}` : job.note)
  if (job.state !== 'done') return lines
  lines.push(t('moments.publish.jobs.doneHint', {}, 1))
  if (job.recovered) lines.push(t('moments.publish.jobs.recovered', {}, 1))
  const invalid = job.invalid
  if (!invalid) return lines
  const join = (names: string[]) => names.join('、')
  if (invalid.members.length > 0)
    lines.push(
      t(
        'moments.publish.jobs.invalidMembers',
        {
          count: n(invalid.members.length),
          names: join(invalid.members.map((m) => m.name)),
        },
        invalid.members.length,
      ),
    )
  if (invalid.departments.length > 0)
    lines.push(
      t(
        'moments.publish.jobs.invalidDepartments',
        {
          count: n(invalid.departments.length),
          names: join(invalid.departments.map((id) => t('moments.publish.jobs.department', { id }, 1))),
        },
        invalid.departments.length,
      ),
    )
  if (invalid.tags.length > 0)
    lines.push(
      t(
        'moments.publish.jobs.invalidTags',
        { count: n(invalid.tags.length), names: join(invalid.tags.map((tag) => tag.name)) },
        invalid.tags.length,
      ),
    )
  if (invalid.members.length + invalid.departments.length + invalid.tags.length === 0)
    lines.push(t('moments.publish.jobs.allValid', {}, 1))
  return lines
}
