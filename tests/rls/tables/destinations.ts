import { seedDestinationWorld } from '../destinations-world'
import { all, defineTable, everyone, sees } from '../spec'
import { REVIEW_LABELS } from '../world'

const rows = [...REVIEW_LABELS]

/**
 * 其他去向登记 (tests/rls/destinations-world.ts): own (student, A CS, approved), a2 (studentA2,
 * A Lang), b1 (studentB1, school B). The student reads their own; no employer reads any (a
 * destination is the student's and the school's business); college staff their college's, school
 * staff their school's, admins all; no user role writes (app.save_destination and the rest do).
 */
export default defineTable({
  table: 'destinations',
  seed: async (db, w) => {
    const r = await seedDestinationWorld(db, w)
    return Object.fromEntries(rows.map((l) => [l, { id: r.destination[l] }]))
  },
  selectColumns: ['id', 'student_id', 'school_id', 'college', 'category', 'fields', 'proof_keys', 'status'],
  inserts: {
    forMe: {
      values: ({ w, me }) => ({
        student_id: me,
        school_id: w.schools.a,
        college: '计算机学院',
        category: 'awaiting',
        status: 'approved',
      }),
    },
  },
  updates: {
    approveA2: { row: 'a2', set: () => ({ status: 'approved' }) },
    editOwnFields: { row: 'own', set: () => ({ fields: { school: '北京大学' } }) },
    moveB1: { row: 'b1', set: ({ w }) => ({ school_id: w.schools.a }) },
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
    update: everyone(all('denied', ['approveA2', 'editOwnFields', 'moveB1'])),
    delete: everyone(all('denied', rows)),
  },
})
