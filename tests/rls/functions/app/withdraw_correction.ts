import type { SqlStep } from '../../spec'
import { type ReviewLabel, seedReviewWorld } from '../../world'
import { type Ctx, defineFunction, MISSING, outcomeOf, signedIn, withoutSub } from '../spec'

const statusOf = (id: unknown): SqlStep => ({
  sql: 'select status from public.source_info_corrections where id = $1',
  params: [id],
})
const aim = (label: ReviewLabel) => ({
  args: ({ rows }: Ctx) => [rows[label]!.id],
  returns: outcomeOf,
  effect: ({ rows }: Ctx) => statusOf(rows[label]!.id),
})
const bystander = {
  own: 'not_found · pending',
  a2: 'not_found · pending',
  decided: 'not_found · rejected',
  missing: 'not_found',
  nulls: 'invalid',
  noSub: 'denied',
}

/** Withdrawing a pending correction: only the student who filed it, only while pending. */
export default defineFunction({
  fn: 'app.withdraw_correction(uuid)',
  seed: async (db, w) => {
    const r = await seedReviewWorld(db, w)
    return { own: { id: r.correction.own }, a2: { id: r.correction.a2 } }
  },
  calls: {
    own: aim('own'),
    a2: aim('a2'),
    decided: {
      ...aim('own'),
      setup: ({ rows }) => ({
        sql: "update public.source_info_corrections set status = 'rejected', reject_reason = '材料不全' where id = $1",
        params: [rows.own!.id],
      }),
    },
    missing: { args: () => [MISSING], returns: outcomeOf },
    nulls: { args: () => [null] },
    noSub: { ...aim('own'), setup: withoutSub },
  },
  cases: signedIn({
    student: {
      ...bystander,
      own: 'withdrawn:withdrawn · withdrawn',
      decided: 'not_pending:rejected · rejected',
    },
    applicant: bystander,
    employer: bystander,
    schoolStaff: bystander,
    collegeStaff: bystander,
    fairStaff: bystander,
    admin: bystander,
  }),
})
