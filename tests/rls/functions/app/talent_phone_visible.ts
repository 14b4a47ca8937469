import { seedApplicationsWorld } from '../../../applications/fixtures'
import { type Ctx, defineFunction, signedIn, withoutSub } from '../spec'

const privacy = (who: 'student' | 'studentB1', searchable: boolean, phone: boolean) => (c: Ctx) => ({
  sql: `insert into public.privacy_settings (user_id, resume_searchable, phone_visible) values ($1, $2, $3)
        on conflict (user_id) do update set resume_searchable = $2, phone_visible = $3`,
  params: [c.w.users[who].id, searchable, phone],
})
const ask = (who: 'student' | 'studentB1', setup?: (c: Ctx) => { sql: string; params: unknown[] }) => ({
  args: (c: Ctx) => [c.w.users[who].id],
  ...(setup ? { setup } : {}),
})
const no = {
  hidden: 'false',
  applied: 'false',
  searchableB1: 'false',
  notVisible: 'false',
  nulls: 'invalid',
  noSub: 'denied',
}

/**
 * Whether an employer may see a student's phone: the student's phone_visible, and the company may
 * see the student at all (an application to it — the student applied to company A — or a
 * searchable resume, which needs a verified company: company A is not).
 */
export default defineFunction({
  fn: 'app.talent_phone_visible(uuid)',
  seed: seedApplicationsWorld,
  calls: {
    hidden: ask('student'),
    applied: ask('student', privacy('student', false, true)),
    searchableB1: ask('studentB1', privacy('studentB1', true, true)),
    notVisible: ask('student', privacy('student', true, false)),
    nulls: { args: () => [null] },
    noSub: { ...ask('student'), setup: withoutSub },
  },
  cases: signedIn({
    student: no,
    applicant: no,
    employer: { ...no, applied: 'true' },
    schoolStaff: no,
    collegeStaff: no,
    fairStaff: no,
    admin: no,
  }),
})
