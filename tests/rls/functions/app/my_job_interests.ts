import { type Ctx, defineFunction, signedIn, withoutSub } from '../spec'
import { seedJob } from './publish_job'

// this entry's jobs among those returned (other entries seed favourites and applications of the
// same world's users too)
const name = (v: unknown, { rows }: Ctx) =>
  (v as string[])
    .map((id) => Object.keys(rows).find((k) => rows[k]!.id === id))
    .filter(Boolean)
    .sort()
    .join(',') || 'none'

const nobody = { mine: 'none', noSub: 'none' }

/**
 * The jobs the caller favourited, applied to or was invited to, whatever their state now: the
 * jobs policy's last branch (a closed job stays readable to those who kept it). Only the caller's
 * own rows count; a call without a subject finds none.
 */
export default defineFunction({
  fn: 'app.my_job_interests()',
  seed: async (db, w) => {
    const favourited = await seedJob(db, w.companies.v, 'closed')
    const applied = await seedJob(db, w.companies.v, 'closed')
    const invited = await seedJob(db, w.companies.v, 'published')
    const others = await seedJob(db, w.companies.v, 'published')
    const s = w.users.student.id
    await db.query('insert into public.job_favourites (user_id, job_id) values ($1, $2), ($3, $4)', [
      s,
      favourited.id,
      w.users.studentA2.id,
      others.id,
    ])
    await db.query('insert into public.applications (job_id, company_id, student_id) values ($1, $2, $3)', [
      applied.id,
      w.companies.v,
      s,
    ])
    await db.query('insert into public.job_invites (job_id, company_id, student_id) values ($1, $2, $3)', [
      invited.id,
      w.companies.v,
      s,
    ])
    return { favourited, applied, invited, others }
  },
  calls: {
    mine: { args: () => [], returns: name },
    noSub: { args: () => [], setup: withoutSub, returns: name },
  },
  cases: signedIn({
    student: { mine: 'applied,favourited,invited', noSub: 'none' },
    applicant: nobody,
    employer: nobody,
    schoolStaff: nobody,
    collegeStaff: nobody,
    fairStaff: nobody,
    admin: nobody,
  }),
})
