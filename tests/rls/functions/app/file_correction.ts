import type { SqlStep } from '../../spec'
import { SOURCE_FIELDS, seedReviewWorld } from '../../world'
import { type Ctx, defineFunction, outcomeOf, signedIn, withoutSub } from '../spec'

const pendingOfStudent = ({ w }: Ctx): SqlStep => ({
  sql: "select count(*)::int from public.source_info_corrections where student_id = $1 and status = 'pending'",
  params: [w.users.student.id],
})
const proof = ({ me }: Ctx) => [`correction-proofs/${me}/证明.jpg`]
const file = (
  changes: unknown,
  reason: string | null = '信息有误',
  keys: (c: Ctx) => unknown = () => [],
) => ({
  args: (c: Ctx) => [changes === null ? null : JSON.stringify(changes), reason, keys(c)],
  returns: outcomeOf,
  effect: pendingOfStudent,
})

const calls = [
  'phone',
  'qqPending',
  'lockedNoProof',
  'lockedWithProof',
  'othersProof',
  'traversalProof',
  'noChange',
  'badQq',
  'badDate',
  'notAField',
  'notApproved',
  'emptyChanges',
  'emptyReason',
  'emptyKey',
  'nulls',
  'nullKeys',
  'noSub',
] as const
// refused for everyone before the record is looked at
const refused = {
  othersProof: 'invalid',
  traversalProof: 'invalid',
  notAField: 'invalid',
  emptyChanges: 'invalid',
  emptyReason: 'invalid',
  emptyKey: 'invalid',
  nulls: 'invalid',
  nullKeys: 'invalid',
  noSub: 'denied',
}
const others = { ...Object.fromEntries(calls.map((c) => [c, 'not_bound · 1'])), ...refused }

/**
 * Filing a correction of one's approved source info: a reason, each field in at most one pending
 * correction (the seeded one holds qq), a proof file of one's own uploads for a locked field, values
 * the record itself would accept (a bad one is refused and nothing is filed), and a real change.
 */
export default defineFunction({
  fn: 'app.file_correction(jsonb, text, text[])',
  seed: async (db, w) => {
    await seedReviewWorld(db, w)
    return {}
  },
  calls: {
    phone: file({ phone: '13700137000' }),
    qqPending: file({ qq: '234567' }),
    lockedNoProof: file({ major: '人工智能' }),
    lockedWithProof: file({ major: '人工智能' }, '转专业', proof),
    // another student's upload, and a path out of one's own folder
    othersProof: file({ major: '人工智能' }, '转专业', ({ w }) => [
      `correction-proofs/${w.users.studentA2.id}/a.jpg`,
    ]),
    traversalProof: file({ major: '人工智能' }, '转专业', ({ me }) => [`correction-proofs/${me}/../x/a.jpg`]),
    noChange: file({ phone: SOURCE_FIELDS.phone }),
    badQq: file({ qq: '12' }),
    badDate: file({ enrolled_on: '2023-13-01' }, '日期错了', proof),
    notAField: file({ status: 'approved' }),
    notApproved: {
      ...file({ phone: '13700137000' }),
      setup: ({ w }) => ({
        sql: "update public.source_infos set status = 'submitted' where student_id = $1",
        params: [w.users.student.id],
      }),
    },
    emptyChanges: file({}),
    emptyReason: file({ phone: '13700137000' }, ''),
    emptyKey: file({ phone: '13700137000' }, '换号了', () => ['']),
    nulls: file(null, null, () => null),
    nullKeys: file({ phone: '13700137000' }, '换号了', () => null),
    noSub: { ...file({ phone: '13700137000' }), setup: withoutSub },
  },
  cases: signedIn({
    student: {
      phone: 'filed · 2',
      qqPending: 'field_pending:qq · 1',
      lockedNoProof: 'proof_required · 1',
      lockedWithProof: 'filed · 2',
      noChange: 'no_change · 1',
      badQq: 'invalid',
      badDate: 'invalid',
      notApproved: 'not_approved:submitted · 1',
      ...refused,
    },
    applicant: others,
    employer: others,
    schoolStaff: others,
    collegeStaff: others,
    fairStaff: others,
    admin: others,
  }),
})
