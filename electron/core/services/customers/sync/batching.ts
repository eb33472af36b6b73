/** A slice `[from, to)` of the run's member list. */
export type MemberRange = [from: number, to: number]

/**
 * Splits `memberCount` members into balanced userid lists of at most `maxPerList` (WeCom caps
 * batch/get_by_user's userid_list and groupchat/list's owner_filter at 100), as few as possible
 * while their number is a multiple of `parallel`.
 *
 * Why: each list of batch/get_by_user is one sequential cursor chain (a page needs the previous
 * page's cursor), so only separate lists run in parallel. With `parallel` = the client's per-path
 * concurrency (8), 500 members become 8 lists of 62–63, walked at once; 2,000 become 24 lists of
 * ~83, walked 8 at a time in three even rounds. Pages fill across the members of a list, so a
 * list costs ceil(its pairs / 100) pages: 8 lists cost at most 7 pages more than packing every
 * pair into full pages would (< 1 % of a 100,000-customer corp), for 8× the parallelism.
 * groupchat/list uses `parallel` = 1: the fewest owner lists, since each costs at least one call.
 */
export function memberRanges(memberCount: number, maxPerList: number, parallel: number): MemberRange[] {
  if (memberCount <= 0) return []
  const perRound = maxPerList * parallel
  const lists = Math.min(memberCount, parallel * Math.ceil(memberCount / perRound))
  return Array.from({ length: lists }, (_, i): MemberRange => [
    Math.floor((i * memberCount) / lists),
    Math.floor(((i + 1) * memberCount) / lists),
  ])
}
