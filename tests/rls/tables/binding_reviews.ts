import { maskIdCard } from '../../../api/_lib/identity/id-card'
import { encryptIdCard, hashIdCard } from '../../../api/_lib/identity/secrets'
import { makeIdCard } from '../../support/roster-fixtures'
import { all, type Ctx, defineTable, everyone, type Row, sees, type WriteExpect } from '../spec'

const rows = ['own', 'b', 'none']

function application(userId: string | null, schoolId: string | null): Row {
  const idCard = makeIdCard()
  return {
    user_id: userId,
    school_id: schoolId,
    graduated_from: '外省某大学',
    name: '申请人',
    degree_level: 'bachelor',
    graduation_year: 2027,
    major: '软件工程',
    id_card_hash: hashIdCard(idCard),
    id_card_masked: maskIdCard(idCard),
    id_card_cipher: encryptIdCard(idCard),
  }
}
const decide = (row: string, status: 'approved' | 'rejected') => ({
  row,
  set: ({ me }: Ctx): Row => ({
    status,
    reason: status === 'rejected' ? '材料不全' : null,
    reviewed_by: me,
    reviewed_at: new Date(),
  }),
})
// a user has at most one pending review: the applicant's own is withdrawn first, in the same transaction
const withdrawOwnFirst = ({ rows: r }: Ctx) => ({
  sql: "update public.binding_reviews set status = 'withdrawn' where id = $1",
  params: [r.own!.id],
})
// every write is a function now (app.submit_/withdraw_/decide_binding_review): no user role has
// an insert or update grant, so a direct write is refused outright, whoever tries it
const cannotWrite: Record<string, WriteExpect> = all('denied', [
  'withdrawOwn',
  'approveOwn',
  'rejectOwn',
  'approveB',
  'approveNone',
  'reviewerFieldsOnOwnWithdrawn',
])
const cannotApply: Record<string, WriteExpect> = all('denied', ['selfPending', 'forOther', 'selfApproved'])

/**
 * Manual identity review for graduates of other regions. Users only read here: the applicant
 * their own, school-level staff of the named school, admins all (college-level staff none).
 * Applying, withdrawing and deciding are `app.*` functions (tests/rls/functions); a direct INSERT
 * or UPDATE, of the status or of any reviewer column, is refused for everyone. Nobody but the
 * system reads the ID-card hash or cipher.
 */
export default defineTable({
  table: 'binding_reviews',
  seed: async (db, w) => {
    const apply = async (userId: string, schoolId: string | null) => {
      const r = application(userId, schoolId)
      const cols = Object.keys(r)
      const { rows: out } = await db.query<{ id: string }>(
        `insert into public.binding_reviews (${cols.join(', ')})
         values (${cols.map((_, i) => `$${i + 1}`).join(', ')}) returning id`,
        Object.values(r),
      )
      return { id: out[0]!.id }
    }
    return {
      own: await apply(w.users.applicant.id, w.schools.a),
      b: await apply(w.users.applicantB.id, w.schools.b),
      none: await apply(w.users.applicantNull.id, null),
    }
  },
  selectColumns: ['id', 'user_id', 'school_id', 'name', 'id_card_masked', 'status'],
  secretColumns: ['id_card_hash', 'id_card_cipher'],
  inserts: {
    selfPending: { values: ({ w, me }) => application(me, w.schools.a), setup: withdrawOwnFirst },
    forOther: { values: ({ w }) => application(w.users.applicantB.id, w.schools.a) },
    selfApproved: {
      values: ({ w, me }) => ({ ...application(me, w.schools.a), status: 'approved' }),
      setup: withdrawOwnFirst,
    },
  },
  updates: {
    withdrawOwn: { row: 'own', set: () => ({ status: 'withdrawn' }) },
    approveOwn: decide('own', 'approved'),
    rejectOwn: decide('own', 'rejected'),
    approveB: decide('b', 'approved'),
    approveNone: decide('none', 'approved'),
    // the applicant writing reviewer fields on their own withdrawn review
    reviewerFieldsOnOwnWithdrawn: {
      row: 'own',
      set: () => ({ reason: '自己写的理由', reviewed_at: new Date() }),
      setup: withdrawOwnFirst,
    },
  },
  cases: {
    select: {
      anon: all('denied', rows),
      student: sees([], rows),
      applicant: sees(['own'], rows),
      employer: sees([], rows),
      schoolStaff: sees(['own'], rows),
      collegeStaff: sees([], rows),
      fairStaff: sees([], rows),
      admin: all('visible', rows),
    },
    insert: everyone(cannotApply),
    update: everyone(cannotWrite),
    delete: everyone({ own: 'denied', b: 'denied' }),
  },
})
