import type { SqlStep } from '../../spec'
import { application, seedReviews } from '../reviews'
import { all, type Ctx, defineFunction, outcomeOf, signedIn, withoutSub } from '../spec'

// one pending review per user: the applicant's seeded one is withdrawn first, in the same transaction
const withdrawMine = ({ me }: Ctx): SqlStep => ({
  sql: "update public.binding_reviews set status = 'withdrawn' where user_id = $1 and status = 'pending'",
  params: [me],
})
const a = application()
const fields = [a.graduatedFrom, a.name, a.degreeLevel, a.graduationYear, a.major, a.hash, a.masked, a.cipher]

const calls = [
  'apply',
  'toPlatform',
  'pendingExists',
  'boundIdentity',
  'nulls',
  'nullName',
  'nullIdCard',
  'empties',
  'emptyName',
  'noSub',
] as const
const refused = {
  nulls: 'invalid',
  nullName: 'invalid',
  nullIdCard: 'invalid',
  empties: 'invalid',
  emptyName: 'invalid',
  noSub: 'denied',
}
const notStudent = { ...all('not_student', calls), ...refused }

/**
 * Applying for manual review (graduates of other regions): a student with no school who is not
 * verified; one pending review at a time; refused while another account is verified with the same
 * ID number (issue 9 item 3). School NULL = the platform reviews it; the note is optional.
 */
export default defineFunction({
  fn: 'app.submit_binding_review(uuid, text, text, text, integer, text, text, text, text, text)',
  seed: async (db, w) => {
    await seedReviews(db, w)
    const { rows } = await db.query<{ id_card_hash: string }>(
      'select id_card_hash from public.roster_entries where id = $1',
      [w.roster.a1],
    )
    return { a1: rows[0]! }
  },
  calls: {
    apply: {
      args: ({ w }) => [w.schools.a, ...fields, '说明'],
      setup: withdrawMine,
      returns: (v) => outcomeOf(v),
    },
    toPlatform: { args: () => [null, ...fields, null], setup: withdrawMine, returns: outcomeOf },
    pendingExists: { args: ({ w }) => [w.schools.a, ...fields, null], returns: outcomeOf },
    // the ID number of a record bound to the student
    boundIdentity: {
      args: ({ w, rows }) => [
        w.schools.a,
        ...fields.slice(0, 5),
        rows.a1!.id_card_hash,
        a.masked,
        a.cipher,
        null,
      ],
      setup: withdrawMine,
      returns: outcomeOf,
    },
    nulls: { args: () => Array(10).fill(null) },
    nullName: {
      args: ({ w }) => [w.schools.a, a.graduatedFrom, null, ...fields.slice(2), null],
      setup: withdrawMine,
    },
    nullIdCard: {
      args: ({ w }) => [w.schools.a, ...fields.slice(0, 5), null, null, null, null],
      setup: withdrawMine,
    },
    empties: { args: () => [null, '', '', '', null, '', '', '', '', ''], setup: withdrawMine },
    emptyName: {
      args: ({ w }) => [w.schools.a, a.graduatedFrom, '  ', ...fields.slice(2), null],
      setup: withdrawMine,
    },
    noSub: { args: ({ w }) => [w.schools.a, ...fields, null], setup: withoutSub },
  },
  cases: signedIn({
    // bound: verified already
    student: { ...all('already_verified', calls), ...refused },
    applicant: {
      apply: 'submitted',
      toPlatform: 'submitted',
      pendingExists: 'pending_exists',
      boundIdentity: 'identity_in_use:roster_bound',
      ...refused,
    },
    employer: notStudent,
    schoolStaff: notStudent,
    collegeStaff: notStudent,
    fairStaff: notStudent,
    admin: notStudent,
  }),
})
