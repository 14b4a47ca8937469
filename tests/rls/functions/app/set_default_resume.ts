import { type Ctx, defineFunction, MISSING, outcomeOf, signedIn, withoutSub } from '../spec'

// which of the student's resumes is the default afterwards
const defaultOf = ({ w }: Ctx) => ({
  sql: `select coalesce(string_agg(lang, ',' order by lang), 'none') from public.resumes
        where user_id = $1 and is_default`,
  params: [w.users.student.id],
})
const aim = (label: 'zh' | 'en' | 'a2') => ({
  args: ({ rows }: Ctx) => [rows[label]!.id],
  returns: outcomeOf,
  effect: defaultOf,
})
const bystander = {
  en: 'not_found · zh',
  zh: 'not_found · zh',
  a2: 'not_found · zh',
  missing: 'not_found · zh',
  nulls: 'invalid',
  noSub: 'denied',
}

/**
 * The one default resume: only its owner moves it (the first resume became the default by trigger:
 * the student's Chinese one). Anyone else finds nothing.
 */
export default defineFunction({
  fn: 'app.set_default_resume(uuid)',
  seed: async (db, w) => {
    // upserts: other flows' seeds (applications) may have made the student's Chinese resume already
    const up = async (user: string, lang: string) => {
      const r = await db.query<{ id: string }>(
        `insert into public.resumes (user_id, lang) values ($1, $2)
         on conflict (user_id, lang) do update set title = public.resumes.title returning id`,
        [user, lang],
      )
      return { id: r.rows[0]!.id }
    }
    return {
      zh: await up(w.users.student.id, 'zh'),
      en: await up(w.users.student.id, 'en'),
      a2: await up(w.users.studentA2.id, 'zh'),
    }
  },
  calls: {
    en: aim('en'),
    zh: aim('zh'),
    a2: aim('a2'),
    missing: { args: () => [MISSING], returns: outcomeOf, effect: defaultOf },
    nulls: { args: () => [null] },
    noSub: { ...aim('en'), setup: withoutSub },
  },
  cases: signedIn({
    student: { ...bystander, en: 'set · en', zh: 'already_default · zh' },
    applicant: bystander,
    employer: bystander,
    schoolStaff: bystander,
    collegeStaff: bystander,
    fairStaff: bystander,
    admin: bystander,
  }),
})
