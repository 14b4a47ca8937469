import { type Ctx, defineFunction, MISSING, outcomeOf, signedIn, withoutSub } from '../spec'
import { seedJob } from './publish_job'

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)
const close = (label: string | null) => ({
  args: ({ rows }: Ctx) => [label ? rows[label]!.id : MISSING],
  returns: outcomeOf,
  // the job's status afterwards
  effect: ({ rows }: Ctx) => ({
    sql: 'select status from public.jobs where id = $1',
    params: [label ? rows[label]!.id : MISSING],
  }),
})
const outsider = {
  published: 'forbidden · published',
  expired: 'forbidden · published',
  again: 'forbidden · closed',
  draft: 'forbidden · draft',
  othersPublished: 'forbidden · published',
  missing: 'forbidden · null',
  nulls: 'invalid',
  noSub: 'denied',
}

/**
 * Closing a job post: members of the job's company, and platform admins any job (moderation). A
 * repeat is already_closed; a draft is not closed (it was never public: it is deleted instead).
 */
export default defineFunction({
  fn: 'app.close_job(uuid)',
  seed: async (db, w) => ({
    aPublished: await seedJob(db, w.companies.a, 'published'),
    aExpired: await seedJob(db, w.companies.a, 'published', day(-2)),
    aClosed: await seedJob(db, w.companies.a, 'closed'),
    aDraft: await seedJob(db, w.companies.a, 'draft'),
    vPublished: await seedJob(db, w.companies.v, 'published'),
  }),
  calls: {
    published: close('aPublished'),
    expired: close('aExpired'),
    again: close('aClosed'),
    draft: close('aDraft'),
    othersPublished: close('vPublished'),
    missing: close(null),
    nulls: { args: () => [null] },
    noSub: { ...close('aPublished'), setup: withoutSub },
  },
  cases: signedIn({
    student: outsider,
    applicant: outsider,
    employer: {
      published: 'closed · closed',
      expired: 'closed · closed',
      again: 'already_closed · closed',
      draft: 'draft · draft',
      othersPublished: 'not_found · published',
      missing: 'not_found · null',
      nulls: 'invalid',
      noSub: 'denied',
    },
    schoolStaff: outsider,
    collegeStaff: outsider,
    fairStaff: outsider,
    admin: {
      published: 'closed · closed',
      expired: 'closed · closed',
      again: 'already_closed · closed',
      draft: 'draft · draft',
      othersPublished: 'closed · closed',
      missing: 'not_found · null',
      nulls: 'invalid',
      noSub: 'denied',
    },
  }),
})
