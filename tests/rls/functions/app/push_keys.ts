import { defineFunction, signedIn } from '../spec'

const same = { pairs: '["杭州/tech","上海/tech"]', anyCity: '["*/tech"]', none: '["*/*"]', nulls: 'null' }

/**
 * The (city, category) pairs of an intention for the job-push index (000910): pure, reads nothing, so
 * every signed-in actor gets the same answer; executable because a student's own intention write
 * maintains the index. NULL gives NULL (strict).
 */
export default defineFunction({
  fn: 'app.push_keys(text[], text[])',
  calls: {
    pairs: { args: () => [['杭州', '上海'], ['tech']] },
    anyCity: { args: () => [[], ['tech']] },
    none: { args: () => [[], []] },
    nulls: { args: () => [null, null] },
  },
  cases: {
    ...signedIn({
      student: same,
      applicant: same,
      employer: same,
      schoolStaff: same,
      collegeStaff: same,
      fairStaff: same,
      admin: same,
    }),
    // anon may not execute it; a strict function of NULL constants is folded to NULL by the planner
    // before any call (and any privilege check), so that one answers null: it runs nothing
    anon: { pairs: 'denied', anyCity: 'denied', none: 'denied', nulls: 'null' },
  },
})
