import { seedDestinationWorld } from '../destinations-world'
import { all, defineTable, everyone, sees } from '../spec'
import { REVIEW_LABELS } from '../world'

const rows = [...REVIEW_LABELS]

/**
 * Correction/removal requests of a destination (tests/rls/destinations-world.ts): one per seeded
 * destination (own withdrawn; a2, b1 pending). The same reading rule as destinations: the
 * student's own, staff in scope, admins; no employer; no user role writes.
 */
export default defineTable({
  table: 'destination_requests',
  seed: async (db, w) => {
    const r = await seedDestinationWorld(db, w)
    return Object.fromEntries(rows.map((l) => [l, { id: r.request[l], destination_id: r.destination[l] }]))
  },
  selectColumns: ['id', 'destination_id', 'student_id', 'school_id', 'college', 'kind', 'changes', 'status'],
  inserts: {
    forMe: {
      values: ({ w, rows: seeded, me }) => ({
        destination_id: seeded.own!.destination_id,
        student_id: me,
        school_id: w.schools.a,
        college: '计算机学院',
        kind: 'removal',
        reason: '改为就业',
      }),
    },
  },
  updates: {
    approveA2: { row: 'a2', set: () => ({ status: 'approved', decided_at: new Date() }) },
    reopenOwn: { row: 'own', set: () => ({ status: 'pending' }) },
    rejectB1: { row: 'b1', set: () => ({ status: 'rejected', return_reason: '不予通过' }) },
  },
  cases: {
    select: {
      anon: all('denied', rows),
      student: sees(['own'], rows),
      applicant: sees([], rows),
      employer: sees([], rows),
      schoolStaff: sees(['own', 'a2'], rows),
      collegeStaff: sees(['own'], rows),
      fairStaff: sees([], rows),
      admin: sees(rows, rows),
    },
    insert: everyone(all('denied', ['forMe'])),
    update: everyone(all('denied', ['approveA2', 'reopenOwn', 'rejectB1'])),
    delete: everyone(all('denied', rows)),
  },
})
