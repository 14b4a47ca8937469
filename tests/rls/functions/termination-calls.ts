/** Shared set-ups of the termination functions' entries: a seeded termination moved to a state. */
import type { SqlStep } from '../spec'
import { seedTerminationWorld } from '../terminations-world'
import type { ReviewLabel } from '../world'
import type { Ctx } from './spec'

export const seedTerminations = async (...a: Parameters<typeof seedTerminationWorld>) => {
  const r = await seedTerminationWorld(...a)
  const labels: ReviewLabel[] = ['own', 'a2', 'b1']
  return Object.fromEntries(labels.map((l) => [l, { id: r.termination[l], agreement_id: r.agreement[l] }]))
}

/** The seeded termination `l` as an open proposal of `by`, made `daysAgo` days ago. */
export const proposed =
  (l: ReviewLabel, by: 'student' | 'employer' = 'student', daysAgo = 0) =>
  ({ rows }: Ctx): SqlStep => ({
    sql: `update public.terminations set status = 'proposed', proposer_role = $2,
            created_at = now() - make_interval(days => $3) where id = $1`,
    params: [rows[l]!.id, by, daysAgo],
  })

export const statusEffect =
  (l: ReviewLabel) =>
  ({ rows }: Ctx): SqlStep => ({
    sql: 'select status from public.terminations where id = $1',
    params: [rows[l]!.id],
  })
